package dev.kycsandbox.webhook;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The outbox's reading side: {@code workers} dedicated threads, each delivering due events one
 * attempt at a time ({@link WebhookService#deliverNextDue()}) and, when none is due, sleeping for
 * the poll interval or until a local commit wakes them.
 * <p>
 * Dedicated threads rather than {@code @Scheduled} or the managed executor: both of those run
 * blocking work on the worker pool that also serves the REST requests, and an attempt can block
 * for the connect and request timeouts; here a slow receiver holds only a dispatcher thread.
 */
@Singleton
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    private final WebhookService webhooks;
    private final WebhookConfig config;
    private final Object signal = new Object();
    private volatile boolean running;
    private boolean woken; // guarded by signal
    private ExecutorService workers;

    public WebhookDispatcher(WebhookService webhooks, WebhookConfig config) {
        this.webhooks = webhooks;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Webhook dispatching is disabled (sandbox.webhook.enabled=false): events are recorded, not sent");
            return;
        }
        AtomicInteger number = new AtomicInteger();
        workers = Executors.newFixedThreadPool(config.workers(), task -> {
            Thread thread = new Thread(task, "webhook-dispatcher-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        for (int i = 0; i < config.workers(); i++) {
            workers.execute(this::deliverUntilStopped);
        }
    }

    /**
     * Stops the workers. An attempt in flight is interrupted and its transaction rolled back, so
     * it is made again after the restart.
     */
    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (workers != null) {
            workers.shutdownNow();
            try {
                if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("Webhook dispatcher threads did not stop within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Asks an idle worker to look for due events now instead of at its next poll. */
    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void deliverUntilStopped() {
        while (running && !Thread.currentThread().isInterrupted()) {
            boolean delivered = false;
            try {
                delivered = webhooks.deliverNextDue();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // the database is unreachable, or an attempt failed to be recorded: it stays due
                LOG.warnf(e, "Webhook dispatch failed; retrying after %s", config.pollInterval());
            }
            if (!delivered && !idle()) {
                return;
            }
        }
    }

    /** Waits for the poll interval or a wake-up; false when interrupted (shutting down). */
    private boolean idle() {
        synchronized (signal) {
            try {
                if (!woken) {
                    signal.wait(Math.max(1, config.pollInterval().toMillis()));
                }
                woken = false;
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
