package dev.kycsandbox.kyc;

import java.time.Instant;

/**
 * Fired (synchronously, inside the transaction that made the change) for every status change of
 * a KYC session, so that what reacts to it — the webhook outbox, metrics — commits or rolls back
 * together with the change itself.
 */
public record KycStatusChanged(KycSession session, KycStatus from, KycStatus to, Instant at) {
}
