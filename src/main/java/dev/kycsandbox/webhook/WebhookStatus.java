package dev.kycsandbox.webhook;

/** Where an event stands: waiting for (another) attempt, received by its URL, or given up on. */
public enum WebhookStatus {
    PENDING,
    DELIVERED,
    FAILED
}
