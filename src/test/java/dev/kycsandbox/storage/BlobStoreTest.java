package dev.kycsandbox.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.support.Documents;
import io.quarkus.runtime.configuration.MemorySize;

/** The blob store on a real directory, without Quarkus. */
class BlobStoreTest {

    private static final long MAX = 4096;
    private static final String SHARD = "Ab";

    @TempDir
    Path root;

    private BlobStore store;

    @BeforeEach
    void createStore() {
        store = new BlobStore(config(root, MAX), () -> Durability.DURABLE);
    }

    @Test
    void shouldCreateItsDirectoriesUnderTheRoot() {
        assertTrue(Files.isDirectory(root.resolve("blobs")));
        assertTrue(Files.isDirectory(root.resolve("incoming")));
        assertEquals(root.resolve("blobs").toAbsolutePath().normalize(), store.blobsDirectory());
        assertEquals(root.resolve("incoming").toAbsolutePath().normalize(), store.incomingDirectory());
    }

    @Test
    void shouldMoveTheSpooledFileIntoPlaceWithSizeHashAndType() throws IOException {
        byte[] png = Documents.png(5);
        BlobSpool spooled = spool(store, png);

        StoredBlob blob = place(store, store.check(spooled));

        assertTrue(blob.id().matches("^blob_[0-9A-Za-z]{22}$"), blob.id());
        assertEquals(png.length, blob.size());
        assertEquals(Documents.sha256(png), blob.sha256());
        assertEquals(FileType.PNG, blob.type());
        assertFalse(Files.exists(spooled.file()), "the spooled file was moved, not copied");
        Path stored = store.pathOf(blob.id());
        assertTrue(stored.startsWith(root.resolve("blobs").toAbsolutePath().normalize()), stored.toString());
        assertEquals(blob.id(), stored.getFileName().toString(), "named by the server-made id");
        assertEquals(SHARD, blob.id().substring(5, 7), "in the shard it was stored in");
        assertEquals(SHARD, stored.getParent().getFileName().toString());
        assertArrayEquals(png, Files.readAllBytes(stored));
        assertEquals(List.of(), incomingFiles());
    }

    @Test
    void shouldStoreEveryDocumentUnderItsOwnId() throws IOException {
        StoredBlob first = place(store, store.check(spool(store, Documents.png(6))));
        StoredBlob same = place(store, store.check(spool(store, Documents.png(6))));
        StoredBlob docx = place(store, store.check(spool(store, Documents.docx())));
        assertNotEquals(first.id(), same.id());
        assertEquals(first.sha256(), same.sha256());
        assertEquals(FileType.DOCX, docx.type(), "DOCX is recognised on the spooled file's ZIP directory");
        assertEquals(3, blobFiles().size());
    }

    @Test
    void shouldStoreEveryByteInRelaxedModeToo() throws IOException {
        BlobStore unsynced = new BlobStore(config(root, MAX), () -> Durability.RELAXED);
        byte[] pdf = Documents.pdf();
        StoredBlob blob = place(unsynced, unsynced.check(spool(unsynced, pdf)));
        assertEquals(FileType.PDF, blob.type());
        assertArrayEquals(pdf, Files.readAllBytes(unsynced.pathOf(blob.id())));
    }

    @Test
    void shouldRefuseEmptyFile() throws IOException {
        BlobSpool spooled = spool(store, new byte[0]);
        ApiException refused = assertThrows(ApiException.class, () -> place(store, store.check(spooled)));
        assertEquals(ErrorCode.BAD_REQUEST, refused.errorCode());
        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().contains("empty"), refused.getMessage());
        assertEquals(List.of(), blobFiles());
    }

    @Test
    void shouldRefuseFileOverTheLimit() throws IOException {
        BlobSpool spooled = spool(store, Documents.pngOfSize((int) MAX + 1));
        assertTrue(spooled.oversized());
        ApiException refused = assertThrows(ApiException.class, () -> place(store, store.check(spooled)));
        assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, refused.errorCode());
        assertEquals(413, refused.status());
        spooled.discard();
        assertEquals(List.of(), blobFiles());
        assertEquals(List.of(), incomingFiles());
    }

    @Test
    void shouldAcceptFileOfExactlyTheLimit() throws IOException {
        byte[] content = Documents.pngOfSize((int) MAX);
        StoredBlob blob = place(store, store.check(spool(store, content)));
        assertEquals(MAX, blob.size());
        assertEquals(Documents.sha256(content), blob.sha256());
        assertArrayEquals(content, Files.readAllBytes(store.pathOf(blob.id())));
    }

    @Test
    void shouldHashFilesLargerThanItsBuffer() throws IOException {
        BlobStore roomy = new BlobStore(config(root, 1024 * 1024), () -> Durability.DURABLE);
        byte[] content = Documents.pngOfSize(200 * 1024 + 17);
        StoredBlob blob = place(roomy, roomy.check(spool(roomy, content)));
        assertEquals(Documents.sha256(content), blob.sha256());
        assertEquals(content.length, blob.size());
    }

    @Test
    void shouldRefuseUnsupportedTypesAndStoreNothing() throws IOException {
        for (byte[] content : List.of(Documents.text(), Documents.plainZip(), new byte[] { 1, 2, 3 })) {
            ApiException refused = assertThrows(ApiException.class, () -> place(store, store.check(spool(store, content))));
            assertEquals(ErrorCode.BAD_REQUEST, refused.errorCode());
            assertTrue(refused.getMessage().contains("Unsupported file type"), refused.getMessage());
        }
        assertEquals(List.of(), blobFiles());
    }

    @ParameterizedTest
    @ValueSource(strings = { "../x", "blob_../../../../etc/passwd", "blob_short", "blob_0123456789abcdefghijkl/x",
            "doc_0123456789abcdefghijkl", "BLOB_0123456789abcdefghijkl", "blob_0123456789abcdefghijk!", "",
            "blob_0123456789abcdefghijklm" })
    void shouldRefuseIdsThatAreNotBlobIds(String id) {
        assertThrows(IllegalArgumentException.class, () -> store.pathOf(id));
        assertThrows(IllegalArgumentException.class, () -> store.delete(id));
    }

    @Test
    void shouldDeleteBlobAndIgnoreOneAlreadyGone() throws IOException {
        StoredBlob blob = place(store, store.check(spool(store, Documents.png(7))));
        store.delete(blob.id());
        assertFalse(Files.exists(store.pathOf(blob.id())));
        store.delete(blob.id());
        store.delete("blob_0123456789abcdefghijkl");
        assertEquals(List.of(), blobFiles());
    }

    @Test
    void shouldCopyBlobDurablyUnderANewId() throws IOException {
        byte[] pdf = Documents.pdf();
        StoredBlob source = place(store, store.check(spool(store, pdf)));

        StoredBlob copy = store.copy(source, SHARD);

        assertTrue(copy.id().matches("^blob_[0-9A-Za-z]{22}$"), copy.id());
        assertNotEquals(source.id(), copy.id());
        assertEquals(source.size(), copy.size());
        assertEquals(source.sha256(), copy.sha256());
        assertEquals(FileType.PDF, copy.type());
        assertArrayEquals(pdf, Files.readAllBytes(store.pathOf(copy.id())));
        assertArrayEquals(pdf, Files.readAllBytes(store.pathOf(source.id())), "the source stays");
        assertEquals(2, blobFiles().size(), "no temp file left behind");
    }

    @Test
    void shouldKeepTheCopyWhenTheSourceIsDeleted() throws IOException {
        byte[] png = Documents.png(8);
        StoredBlob source = place(store, store.check(spool(store, png)));
        StoredBlob copy = store.copy(source, SHARD);
        store.delete(source.id());
        assertArrayEquals(png, Files.readAllBytes(store.pathOf(copy.id())));
        assertEquals(List.of(store.pathOf(copy.id())), blobFiles());
    }

    @Test
    void shouldCopyFilesLargerThanItsBufferInRelaxedModeToo() throws IOException {
        BlobStore unsynced = new BlobStore(config(root, 1024 * 1024), () -> Durability.RELAXED);
        byte[] content = Documents.pngOfSize(300 * 1024 + 5);
        StoredBlob copy = unsynced.copy(place(unsynced, unsynced.check(spool(unsynced, content))), SHARD);
        assertEquals(content.length, copy.size());
        assertEquals(Documents.sha256(content), copy.sha256());
        assertArrayEquals(content, Files.readAllBytes(unsynced.pathOf(copy.id())));
    }

    @Test
    void shouldRefuseToCopyAFileThatNoLongerMatchesItsRecord() throws IOException {
        StoredBlob source = place(store, store.check(spool(store, Documents.png(9))));
        Files.write(store.pathOf(source.id()), Documents.png(10)); // changed behind the store's back
        assertThrows(IllegalStateException.class, () -> store.copy(source, SHARD));
        StoredBlob wrongSize = new StoredBlob(source.id(), source.size() + 1, Documents.sha256(Documents.png(10)),
                FileType.PNG);
        assertThrows(IllegalStateException.class, () -> store.copy(wrongSize, SHARD));
        assertEquals(List.of(store.pathOf(source.id())), blobFiles(), "nothing but the source");
    }

    @Test
    void shouldFailToCopyAMissingBlobAndLeaveNothing() throws IOException {
        StoredBlob gone = place(store, store.check(spool(store, Documents.jpeg())));
        store.delete(gone.id());
        assertThrows(UncheckedIOException.class, () -> store.copy(gone, SHARD));
        assertEquals(List.of(), blobFiles());
    }

    @Test
    void shouldTellBlobIdsFromOtherNames() {
        assertTrue(BlobStore.isBlobId("blob_0123456789abcdefghijkl"));
        assertFalse(BlobStore.isBlobId("blob_0123456789abcdefghijkl.tmp"));
        assertFalse(BlobStore.isBlobId("../blob_0123456789abcdefghijkl"));
    }

    private static StoredBlob place(BlobStore into, BlobStore.Checked upload) {
        return into.store(upload, SHARD);
    }

    /** An upload received the way the HTTP layer hands it over: in uneven chunks. */
    private static BlobSpool spool(BlobStore into, byte[] content) throws IOException {
        BlobSpool spool = into.spool();
        for (int at = 0, chunk = 1; at < content.length; at += chunk, chunk = chunk * 3 + 1) {
            spool.write(content, at, Math.min(chunk, content.length - at));
        }
        return spool;
    }

    private List<Path> blobFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private List<Path> incomingFiles() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("incoming"))) {
            return files.toList();
        }
    }

    private static StorageConfig config(Path root, long maxFileSize) {
        return new StorageConfig() {
            @Override
            public Path root() {
                return root;
            }

            @Override
            public MemorySize maxFileSize() {
                return new MemorySize(BigInteger.valueOf(maxFileSize));
            }

            @Override
            public MemorySize minFreeSpace() {
                return new MemorySize(BigInteger.ZERO);
            }

            @Override
            public Duration sweepGrace() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Duration sweepInterval() {
                return Duration.ofMinutes(10);
            }
        };
    }
}
