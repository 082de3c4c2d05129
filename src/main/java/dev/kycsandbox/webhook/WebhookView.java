package dev.kycsandbox.webhook;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.kycsandbox.api.Timestamps;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An event and its delivery log, as the admin API lists them: a KYC session's event names the
 * session and its {@code kycStatus}, an Akepa application's the application and its
 * {@code applicationStatus} (the fields of the other kind are left out).
 */
@JsonPropertyOrder({ "id", "status", "url", "kycStatus", "customerId", "sessionId", "applicationId",
        "applicationStatus", "dtsCreatedAt", "dtsNextAttemptAt", "dtsCompletedAt", "payload", "signature", "attempts" })
@RegisterForReflection
public record WebhookView(String id, String status, String url,
        @JsonInclude(JsonInclude.Include.NON_NULL) String kycStatus, String customerId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String sessionId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String applicationId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String applicationStatus,
        String dtsCreatedAt, String dtsNextAttemptAt, String dtsCompletedAt, String payload, String signature,
        List<Attempt> attempts) {

    /** One attempt: its status code, or the error when the receiver gave none. */
    @JsonPropertyOrder({ "attempt", "dtsAttemptedAt", "statusCode", "error", "durationMs" })
    @RegisterForReflection
    public record Attempt(int attempt, String dtsAttemptedAt, Integer statusCode, String error, long durationMs) {
    }

    /** {@code signature}: the {@code x-sandbox-signature} each attempt carried; null once its tenant is gone. */
    static WebhookView of(WebhookEvent event, List<WebhookAttempt> attempts, String signature) {
        return new WebhookView(event.id, event.status.name(), event.url,
                event.kycStatus == null ? null : event.kycStatus.name(), event.customerId, event.sessionId,
                event.applicationId, event.applicationStatus, Timestamps.format(event.createdAt),
                Timestamps.format(event.nextAttemptAt), Timestamps.format(event.completedAt), event.payload, signature,
                attempts.stream().map(a -> new Attempt(a.attempt, Timestamps.format(a.attemptedAt), a.statusCode,
                        a.error, a.durationMs)).toList());
    }
}
