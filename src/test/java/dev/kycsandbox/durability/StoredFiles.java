package dev.kycsandbox.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.kycsandbox.support.Documents;

/**
 * The invariants of the storage, checked from outside the sandbox against its database and its
 * blob root ({@code <root>/blobs/<2 chars>/<blobId>}, {@code <root>/incoming}): every row that
 * names a file has it, whole (size and SHA-256 as recorded); and, once a sweep ran with no grace,
 * nothing else is there.
 */
final class StoredFiles {

    private static final String ROWS_WITH_FILES = """
            select id, blob_id, size_bytes, sha256 from document_slot where blob_id is not null
            union all
            select id, blob_id, size_bytes, sha256 from separate_document where blob_id is not null
            union all
            select id, blob_id, size_bytes, sha256 from akepa_document where blob_id is not null""";

    private StoredFiles() {
    }

    /** Checks every row that names a file against that file; answers how many were checked. */
    static int assertEveryRowHasItsWholeFile(Connection database, Path storageRoot) throws SQLException, IOException {
        int checked = 0;
        try (Statement statement = database.createStatement(); ResultSet rows = statement.executeQuery(ROWS_WITH_FILES)) {
            while (rows.next()) {
                String row = rows.getString(1);
                Path file = blobPath(storageRoot, rows.getString(2));
                assertTrue(Files.isRegularFile(file), row + " points at a missing file " + file);
                assertEquals(rows.getLong(3), Files.size(file), row + ": size of " + file);
                assertEquals(rows.getString(4), Documents.sha256(Files.readAllBytes(file)), row + ": SHA-256 of " + file);
                checked++;
            }
        }
        return checked;
    }

    /** No spooled upload, temp file or blob without a row is left. */
    static void assertNoLeftovers(Connection database, Path storageRoot) throws SQLException, IOException {
        try (Stream<Path> incoming = Files.list(storageRoot.resolve("incoming"))) {
            assertEquals(List.of(), incoming.toList(), "spooled uploads left in incoming/");
        }
        Set<String> referenced = new HashSet<>();
        try (Statement statement = database.createStatement(); ResultSet rows = statement.executeQuery(ROWS_WITH_FILES)) {
            while (rows.next()) {
                referenced.add(rows.getString(2));
            }
        }
        try (Stream<Path> files = Files.walk(storageRoot.resolve("blobs"))) {
            List<Path> orphans = files.filter(Files::isRegularFile)
                    .filter(f -> !referenced.contains(f.getFileName().toString())).toList();
            assertEquals(List.of(), orphans, "files no row points at");
        }
    }

    private static Path blobPath(Path storageRoot, String blobId) {
        return storageRoot.resolve("blobs").resolve(blobId.substring(5, 7)).resolve(blobId);
    }
}
