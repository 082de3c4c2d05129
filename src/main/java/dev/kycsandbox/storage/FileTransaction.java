package dev.kycsandbox.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.kycsandbox.api.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A database transaction that also writes files: rows point at blobs stored during it, and the
 * files follow its outcome. The directories of the blobs it placed are forced just before it
 * commits, once each. A blob stored in it is deleted if it rolls back (no committed row points
 * at it), a blob it superseded is deleted once it committed — so there is never a row without
 * its file, and no file outlives its last row for long.
 */
@ApplicationScoped
public class FileTransaction {

    private final BlobStore blobs;

    public FileTransaction(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** Runs {@code work} in a new transaction, with {@link Files} to store blobs through. */
    public <T> T run(Function<Files, T> work) {
        Files files = new Files();
        T result;
        try {
            result = QuarkusTransaction.requiringNew().call(() -> {
                T done = work.apply(files);
                blobs.forceDirectoriesOf(files.stored);
                return done;
            });
        } catch (RuntimeException e) {
            files.stored.forEach(blobs::delete);
            throw e;
        }
        files.superseded.forEach(blobs::delete);
        return result;
    }

    /**
     * Runs every work of {@code works} in one new transaction: one commit, and one force per
     * directory, for all of them. A work refused with an {@link ApiException} before it stored
     * anything changed nothing, so it fails alone and the others go on. Any other failure rolls
     * the whole transaction back and is thrown: the caller then runs each work on its own.
     */
    public List<Outcome<?>> runAll(List<? extends Function<Files, ?>> works) {
        List<Files> filesOfEach = new ArrayList<>(works.size());
        List<Outcome<?>> outcomes = new ArrayList<>(works.size());
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                List<String> stored = new ArrayList<>();
                for (Function<Files, ?> work : works) {
                    Files files = new Files();
                    filesOfEach.add(files);
                    outcomes.add(attempt(work, files));
                    stored.addAll(files.stored);
                }
                blobs.forceDirectoriesOf(stored);
            });
        } catch (RuntimeException e) {
            filesOfEach.forEach(files -> files.stored.forEach(blobs::delete));
            throw e;
        }
        filesOfEach.forEach(files -> files.superseded.forEach(blobs::delete));
        return outcomes;
    }

    private static Outcome<?> attempt(Function<Files, ?> work, Files files) {
        try {
            return new Outcome<>(work.apply(files), null);
        } catch (ApiException refused) {
            if (!files.stored.isEmpty()) {
                throw refused; // refused after it changed something: only a rollback undoes that
            }
            return new Outcome<>(null, refused);
        }
    }

    /** What one work of {@link #runAll} produced: its result, or the refusal it failed with. */
    public record Outcome<T>(T result, ApiException refusal) {
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
