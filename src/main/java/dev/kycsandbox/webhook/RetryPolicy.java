package dev.kycsandbox.webhook;

import java.time.Duration;
import java.util.Optional;

/**
 * The retry rule: after failed attempt {@code n} (1-based) the next one waits
 * {@code initialBackoff × 2^(n-1)}, capped at {@code maxBackoff}; after attempt
 * {@code maxAttempts} fails, the event is given up.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("backoffs must not be negative");
        }
    }

    static RetryPolicy of(WebhookConfig config) {
        return new RetryPolicy(config.maxAttempts(), config.initialBackoff(), config.maxBackoff());
    }

    /** The wait before the attempt that follows failed attempt {@code attempt}; empty: give up. */
    public Optional<Duration> delayAfterFailedAttempt(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts are numbered from 1, not " + attempt);
        }
        if (attempt >= maxAttempts) {
            return Optional.empty();
        }
        Duration delay = initialBackoff;
        for (int doubled = 1; doubled < attempt && delay.compareTo(maxBackoff) < 0; doubled++) {
            delay = delay.multipliedBy(2); // stops at the cap, so it never overflows
        }
        return Optional.of(delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay);
    }
}
