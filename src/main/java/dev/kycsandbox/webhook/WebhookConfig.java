package dev.kycsandbox.webhook;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How webhooks are dispatched. Events are always recorded in the outbox; these settings only govern delivery. */
@ConfigMapping(prefix = "sandbox.webhook")
public interface WebhookConfig {

    /**
     * {@code SANDBOX_WEBHOOK_ENABLED}: whether this instance delivers. {@code false} still records
     * every event (PENDING); an instance started later with {@code true} delivers them.
     */
    @WithDefault("true")
    boolean enabled();

    /** {@code SANDBOX_WEBHOOK_POLL_INTERVAL}: how often an idle dispatcher looks for due events. */
    @WithDefault("1s")
    Duration pollInterval();

    /** {@code SANDBOX_WEBHOOK_MAX_ATTEMPTS}: attempts per event, the first included, before it is FAILED. */
    @WithDefault("10")
    @Min(1)
    int maxAttempts();

    /** {@code SANDBOX_WEBHOOK_INITIAL_BACKOFF}: the wait after the first failed attempt; doubled after each further one. */
    @WithDefault("5s")
    Duration initialBackoff();

    /** {@code SANDBOX_WEBHOOK_MAX_BACKOFF}: the longest wait between two attempts. */
    @WithDefault("10m")
    Duration maxBackoff();

    /** {@code SANDBOX_WEBHOOK_CONNECT_TIMEOUT}: to open the connection to the receiver. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** {@code SANDBOX_WEBHOOK_REQUEST_TIMEOUT}: from sending the request to the receiver's response status. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** {@code SANDBOX_WEBHOOK_WORKERS}: deliveries this instance makes in parallel (dedicated threads). */
    @WithDefault("2")
    @Min(1)
    int workers();
}
