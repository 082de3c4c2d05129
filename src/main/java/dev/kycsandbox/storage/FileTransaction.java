package dev.kycsandbox.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.FlushModeType;

import dev.kycsandbox.api.ApiException;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A database transaction that also writes files: rows point at blobs stored during it, and the
 * files follow its outcome. The blobs it places share one directory (a shard), which is forced
 * just before it commits. A blob stored in it is deleted if it rolls back (no committed row
 * points at it), a blob it superseded is deleted once it committed — so there is never a row
 * without its file, and no file outlives its last row for long.
 */
@ApplicationScoped
public class FileTransaction {

    private final BlobStore blobs;

    public FileTransaction(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** Runs {@code work} in a new transaction, with {@link Files} to store blobs through. */
    public <T> T run(Function<Files, T> work) {
        Files files = new Files(blobs.newShard());
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
     * Runs {@code prepare}, then every work of {@code works}, in one new transaction: one commit,
     * and one directory to force, for all of them. Works raise their refusals ({@link ApiException}) before they change
     * anything, so a refused work fails alone and the others go on. Any other failure rolls the
     * whole transaction back and is thrown: the caller then runs each work on its own.
     *
     * <p>Changes are flushed at the commit only, in JDBC batches: a work sees the entities that
     * earlier works of the batch changed as they are in memory, which is what it would have read
     * after their commit. The blobs the works superseded are not deleted here: the caller deletes
     * them with {@link #deleteSuperseded} before it answers, off the thread that commits.
     */
    public List<Outcome<?>> runAll(Runnable prepare, List<? extends Function<Files, ?>> works) {
        String shard = blobs.newShard();
        List<Files> filesOfEach = new ArrayList<>(works.size());
        List<Outcome<?>> outcomes = new ArrayList<>(works.size());
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Panache.getEntityManager().setFlushMode(FlushModeType.COMMIT);
                prepare.run();
                List<String> stored = new ArrayList<>();
                for (Function<Files, ?> work : works) {
                    Files files = new Files(shard);
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
        return outcomes;
    }

    /** Deletes the blobs a committed work of {@link #runAll} superseded. */
    public void deleteSuperseded(Outcome<?> outcome) {
        outcome.superseded().forEach(blobs::delete);
    }

    private static Outcome<?> attempt(Function<Files, ?> work, Files files) {
        try {
            return new Outcome<>(work.apply(files), null, files.superseded);
        } catch (ApiException refused) {
            if (!files.stored.isEmpty()) {
                throw refused; // refused after it changed something: only a rollback undoes that
            }
            return new Outcome<>(null, refused, List.of());
        }
    }

    /** What one work of {@link #runAll} produced: its result, or the refusal it failed with; the blobs it superseded. */
    public record Outcome<T>(T result, ApiException refusal, List<String> superseded) {
    }

    /** The blob operations of one {@link FileTransaction}. */
    public final class Files {

        private final String shard;
        private final List<String> stored = new ArrayList<>(1);
        private final List<String> superseded = new ArrayList<>(1);

        private Files(String shard) {
            this.shard = shard;
        }

        /** {@link BlobStore#store}, undone if the transaction rolls back. */
        public StoredBlob store(BlobStore.Checked upload) {
            return track(blobs.store(upload, shard));
        }

        /** {@link BlobStore#copy}, undone if the transaction rolls back. */
        public StoredBlob copy(StoredBlob source) {
            return track(blobs.copy(source, shard));
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
