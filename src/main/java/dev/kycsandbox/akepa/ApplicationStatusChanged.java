package dev.kycsandbox.akepa;

import java.time.Instant;

/**
 * Fired (synchronously, inside the transaction that made the change) for every status change of
 * an application. {@code asynchronous}: the change was not made inside the response of the
 * client's own request (an admin decision, the outcome rules' scheduler) — only those are
 * announced by webhook.
 */
public record ApplicationStatusChanged(AkepaApplication application, ApplicationStatus from, ApplicationStatus to,
        Instant at, boolean asynchronous) {
}
