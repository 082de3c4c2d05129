package dev.kycsandbox.webhook;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The delivery log: one row per attempt whose outcome was recorded. */
@Entity
@Table(name = "webhook_attempt")
public class WebhookAttempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    /** 1 for the first attempt; sent as {@code x-sandbox-webhook-attempt}. */
    @Column(nullable = false)
    public int attempt;

    @Column(name = "attempted_at", nullable = false)
    public Instant attemptedAt;

    /** The receiver's status code; null when none came (see {@link #error}). */
    @Column(name = "status_code")
    public Integer statusCode;

    /** Why no status code came: refused, timed out, …; null when one did. */
    public String error;

    @Column(name = "duration_ms", nullable = false)
    public long durationMs;

    static WebhookAttempt of(WebhookEvent event, int attempt, DeliveryOutcome outcome, Instant attemptedAt) {
        WebhookAttempt entry = new WebhookAttempt();
        entry.eventId = event.id;
        entry.attempt = attempt;
        entry.attemptedAt = attemptedAt;
        entry.statusCode = outcome.statusCode();
        entry.error = outcome.error();
        entry.durationMs = outcome.durationMs();
        return entry;
    }

    /** The attempts of these events, in attempt order. */
    static List<WebhookAttempt> ofEvents(Collection<String> eventIds) {
        return eventIds.isEmpty() ? List.of() : list("eventId in ?1 order by eventId, attempt", eventIds);
    }
}
