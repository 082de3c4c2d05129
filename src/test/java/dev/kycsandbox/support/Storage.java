package dev.kycsandbox.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.kycsandbox.storage.BlobStore;
import io.quarkus.arc.Arc;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The sandbox's storage as the tests see it from outside the API: {@code <root>/blobs/<2 chars>/<blobId>}
 * for stored documents, {@code <root>/incoming} for uploads the HTTP layer is still spooling, and
 * which blob a row names — for the tests that must check the files themselves.
 */
public final class Storage {

    /** How long the HTTP layer may take to remove a refused request's spooled upload. */
    private static final long SPOOL_CLEANUP_BOUND_MILLIS = 10_000;

    private final Path root;

    private Storage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** {@code root} is the value of {@code sandbox.storage.root}. */
    public static Storage at(Path root) {
        return new Storage(root);
    }

    /** The blob that KYC slot or separate document {@code documentId} points at; null when it holds no file. */
    public static String blobIdOf(String documentId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = Panache.getEntityManager()
                    .createNativeQuery("select blob_id from document_slot where id = ?1"
                            + " union all select blob_id from separate_document where id = ?1")
                    .setParameter(1, documentId).getResultList();
            if (rows.size() != 1) {
                throw new AssertionError("no single document " + documentId + ": " + rows);
            }
            return (String) rows.get(0);
        });
    }

    public static Path pathOf(String blobId) {
        return Arc.container().instance(BlobStore.class).get().pathOf(blobId);
    }

    /** How many files the blob directory of the running test application holds (blobs and any temp file). */
    public static long blobFileCount() {
        return at(Path.of(ConfigProvider.getConfig().getValue("sandbox.storage.root", String.class))).blobFiles().size();
    }

    public Path root() {
        return root;
    }

    public Path blobsDirectory() {
        return root.resolve("blobs");
    }

    public Path incomingDirectory() {
        return root.resolve("incoming");
    }

    /** Every regular file under {@code <root>/blobs}. */
    public Set<Path> blobFiles() {
        return regularFilesUnder(blobsDirectory());
    }

    /** Every regular file under the storage root, blobs and spool alike. */
    public Set<Path> allFiles() {
        return regularFilesUnder(root);
    }

    public Set<Path> incomingFiles() {
        return regularFilesUnder(incomingDirectory());
    }

    /**
     * Asserts that no spooled upload is left in {@code <root>/incoming}. The HTTP layer removes a
     * spooled part when its request ends, which may complete just after the client read the
     * response, so this waits (boundedly) for the spool to drain before failing.
     */
    public void assertNoIncomingFiles() {
        long deadline = System.nanoTime() + SPOOL_CLEANUP_BOUND_MILLIS * 1_000_000;
        Set<Path> left = incomingFiles();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = incomingFiles();
        }
        assertEquals(Set.of(), left, "files left in " + incomingDirectory());
    }

    private static Set<Path> regularFilesUnder(Path directory) {
        if (Files.notExists(directory)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).map(p -> p.toAbsolutePath().normalize()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Marks {@code file} as last written before the sweep's grace period ({@code sandbox.storage.sweep-grace}), so the sweep may take it. */
    public static void ageBeyondSweepGrace(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
