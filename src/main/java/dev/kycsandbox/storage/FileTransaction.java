package dev.kycsandbox.storage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A database transaction that also writes files: rows point at blobs stored during it, and the
 * files follow its outcome. A blob stored in it is deleted if it rolls back (no committed row
 * points at it), a blob it superseded is deleted once it committed — so there is never a row
 * without its file, and no file outlives its last row for long.
 */
@ApplicationScoped
public class FileTransaction {

    private final BlobStore blobs;

    public FileTransaction(BlobStore blobs) {
        this.blobs = blobs;
    }

    /**
     * As {@link #run}, for work that stores the upload {@code spooled}: it is checked, hashed and
     * forced to disk before the transaction begins (see {@link BlobStore#check}), so the rows the
     * work locks are held only while it is renamed into place and the rows are written.
     */
    public <T> T runWithUpload(Path spooled, BiFunction<Files, BlobStore.Checked, T> work) {
        BlobStore.Checked upload = blobs.check(spooled);
        return run(files -> work.apply(files, upload));
    }

    /** Runs {@code work} in a new transaction, with {@link Files} to store blobs through. */
    public <T> T run(Function<Files, T> work) {
        Files files = new Files();
        T result;
        try {
            result = QuarkusTransaction.requiringNew().call(() -> work.apply(files));
        } catch (RuntimeException e) {
            files.stored.forEach(blobs::delete);
            throw e;
        }
        files.superseded.forEach(blobs::delete);
        return result;
    }

    /** The blob operations of one {@link FileTransaction}. */
    public final class Files {

        private final List<String> stored = new ArrayList<>(1);
        private final List<String> superseded = new ArrayList<>(1);

        private Files() {
        }

        /** {@link BlobStore#store}, undone if the transaction rolls back. */
        public StoredBlob store(BlobStore.Checked upload) {
            return track(blobs.store(upload));
        }

        /** {@link BlobStore#copy}, undone if the transaction rolls back. */
        public StoredBlob copy(StoredBlob source) {
            return track(blobs.copy(source));
        }

        /** Deletes the blob no row will point at once the transaction committed. */
        public void supersede(Optional<String> blobId) {
            blobId.ifPresent(superseded::add);
        }

        private StoredBlob track(StoredBlob blob) {
            stored.add(blob.id());
            return blob;
        }
    }
}
