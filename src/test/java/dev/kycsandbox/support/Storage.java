package dev.kycsandbox.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.kycsandbox.storage.BlobStore;
import io.quarkus.arc.Arc;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A look behind the API for the {@code @QuarkusTest}s that must check the files themselves
 * (superseded blobs gone, copies independent): which blob a row names, and what is on disk.
 */
public final class Storage {

    private Storage() {
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

    /** How many files the blob directory holds (blobs and any temp file). */
    public static long blobFileCount() {
        Path blobs = Path.of(ConfigProvider.getConfig().getValue("sandbox.storage.root", String.class), "blobs");
        try (Stream<Path> files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
