package dev.kycsandbox.upload;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.storage.BlobStore;
import dev.kycsandbox.storage.FileTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Group commit of the writes that store files (uploads, links): one committer thread takes
 * whatever is waiting, runs it all in one {@link FileTransaction} — one force per blob directory,
 * one commit — and then answers each caller. While a batch commits, the next one gathers, so the
 * batch grows with the load and a lone write waits for nobody.
 *
 * <p>A refusal fails only its own write; any other failure rolls the batch back, and each of its
 * writes is then run on its own, so that it fails exactly the writes that cause it. Each write
 * names the row it is about (its key): a batch first runs the {@link Prefetch} of its writes with
 * their keys, then the writes in the order of their keys, so that two sandboxes sharing a
 * database lock shared rows in the same order.
 */
@ApplicationScoped
public class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);
    /** Enough to take a whole burst of concurrent uploads, small enough to keep a batch's locks short. */
    static final int MAX_BATCH = 128;

    private final FileTransaction transactions;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread committer;

    public GroupCommit(FileTransaction transactions) {
        this.transactions = transactions;
    }

    void start(@Observes StartupEvent started) {
        running = true;
        committer = new Thread(this::commitLoop, "sandbox-group-commit");
        committer.setDaemon(true);
        committer.start();
    }

    /** Requests in progress have finished by now (graceful shutdown): commit what is left, then stop. */
    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        if (committer != null) {
            committer.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    /**
     * Stores {@code upload} through {@code work}: the file is checked and forced to disk on the
     * calling (worker) thread, in parallel with other uploads, then {@code work} runs in the next
     * batch. The spool is deleted afterwards unless {@code work} moved it into place.
     */
    public <T> CompletionStage<T> store(ReceivedUpload upload, String key, Prefetch prefetch,
            BiFunction<FileTransaction.Files, BlobStore.Checked, T> work) {
        BlobStore.Checked checked = upload.check();
        return submit(key, prefetch, files -> work.apply(files, checked), upload::discard);
    }

    /** Runs {@code work} in the next batch. */
    public <T> CompletionStage<T> run(String key, Prefetch prefetch, Function<FileTransaction.Files, T> work) {
        return submit(key, prefetch, work, () -> {
        });
    }

    private <T> CompletionStage<T> submit(String key, Prefetch prefetch, Function<FileTransaction.Files, T> work,
            Runnable cleanUp) {
        Pending<T> pending = new Pending<>(key, prefetch, work, cleanUp, Vertx.currentContext());
        if (!running) {
            pending.fail(new ApiException(ErrorCode.SERVICE_UNAVAILABLE));
        } else {
            queue.add(pending);
        }
        return pending.result;
    }

    private void commitLoop() {
        List<Pending<?>> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // a bug: answer whoever is still waiting, and keep committing for the others
                LOG.error("Group commit failed", e);
                batch.forEach(pending -> pending.fail(e));
            } finally {
                batch.clear();
            }
        }
        for (Pending<?> late; (late = queue.poll()) != null;) {
            late.fail(new ApiException(ErrorCode.SERVICE_UNAVAILABLE)); // submitted while stopping
        }
    }

    private void commit(List<Pending<?>> batch) {
        if (batch.size() == 1) {
            runAlone(batch.get(0));
            return;
        }
        batch.sort(Comparator.comparing(p -> p.key));
        Map<Prefetch, List<String>> prefetches = new LinkedHashMap<>();
        for (Pending<?> pending : batch) {
            if (pending.prefetch != Prefetch.NONE) {
                prefetches.computeIfAbsent(pending.prefetch, p -> new ArrayList<>()).add(pending.key);
            }
        }
        List<FileTransaction.Outcome<?>> outcomes;
        try {
            outcomes = transactions.runAll(() -> prefetches.forEach(Prefetch::load),
                    batch.stream().<Function<FileTransaction.Files, ?>> map(p -> p.work).toList());
        } catch (RuntimeException | Error e) {
            LOG.debugf(e, "A batch of %d writes failed; running each on its own", batch.size());
            batch.forEach(this::runAlone);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            FileTransaction.Outcome<?> outcome = outcomes.get(i);
            batch.get(i).complete(outcome, () -> transactions.deleteSuperseded(outcome));
        }
    }

    private <T> void runAlone(Pending<T> pending) {
        T result;
        try {
            result = transactions.run(pending.work);
        } catch (RuntimeException | Error e) {
            pending.fail(e);
            return;
        }
        pending.succeed(result);
    }

    /** A write waiting for its batch, and the caller it answers on the caller's own Vert.x context. */
    private static final class Pending<T> {

        final String key;
        final Prefetch prefetch;
        final Function<FileTransaction.Files, T> work;
        final Runnable cleanUp;
        final Context context;
        final CompletableFuture<T> result = new CompletableFuture<>();
        private final AtomicBoolean answered = new AtomicBoolean();

        Pending(String key, Prefetch prefetch, Function<FileTransaction.Files, T> work, Runnable cleanUp, Context context) {
            this.key = key;
            this.prefetch = prefetch;
            this.work = work;
            this.cleanUp = cleanUp;
            this.context = context;
        }

        /** Answers with a committed outcome, once {@code deleteSuperseded} has run. */
        @SuppressWarnings("unchecked")
        void complete(FileTransaction.Outcome<?> outcome, Runnable deleteSuperseded) {
            if (outcome.refusal() != null) {
                answer(cleanUp, () -> result.completeExceptionally(outcome.refusal()));
            } else {
                answer(() -> {
                    deleteSuperseded.run();
                    cleanUp.run();
                }, () -> result.complete((T) outcome.result()));
            }
        }

        void succeed(T value) {
            answer(cleanUp, () -> result.complete(value));
        }

        void fail(Throwable e) {
            answer(cleanUp, () -> result.completeExceptionally(e));
        }

        /**
         * Runs {@code files} (deleting files: blocking) on a worker thread of the caller's context,
         * then {@code action} on the context itself: the committer only commits, it neither waits
         * for deletions nor renders answers.
         */
        private void answer(Runnable files, Runnable action) {
            if (!answered.compareAndSet(false, true)) {
                return; // answered before a failure of the batch's bookkeeping
            }
            if (context == null) {
                files.run();
                action.run();
                return;
            }
            context.executeBlocking(() -> {
                files.run();
                return null;
            }, false).onComplete(ignored -> action.run());
        }
    }
}
