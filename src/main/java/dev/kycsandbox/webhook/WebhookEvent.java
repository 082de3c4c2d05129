package dev.kycsandbox.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.kycsandbox.api.Ids;
import dev.kycsandbox.kyc.KycStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One webhook to send: a row of the transactional outbox, inserted in the transaction of the
 * status change it announces, of a KYC session or of an Akepa application. Its rules: which
 * attempt comes next, and what an outcome does to it.
 */
@Entity
@Table(name = "webhook_event")
public class WebhookEvent extends PanacheEntityBase {

    static final String ID_PREFIX = "whk";

    /**
     * The next due event, locked until the caller's transaction ends; events already locked by
     * another dispatcher are skipped, so no attempt is ever made twice at the same time. An event
     * waits while an earlier one of the same session (or application) is pending: a session's events
     * arrive in order.
     */
    private static final String LOCK_NEXT_DUE = """
            select e.* from webhook_event e
            where e.status = 'PENDING' and e.next_attempt_at <= :now
              and not exists (select 1 from webhook_event earlier
                              where (earlier.session_id = e.session_id or earlier.application_id = e.application_id)
                                and earlier.status = 'PENDING' and earlier.seq < e.seq)
            order by e.next_attempt_at, e.seq
            limit 1
            for update of e skip locked""";

    /** Stable for every attempt: sent as {@code x-sandbox-webhook-id} so receivers can drop duplicates. */
    @Id
    public String id;

    /** Insertion order, made by the database; orders a session's events. */
    @Column(name = "seq", insertable = false, updatable = false)
    public Long seq;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    /** The KYC session whose change it announces; null for an application's. */
    @Column(name = "session_id")
    public String sessionId;

    /** The status the session changed to; null for an application's. */
    @Enumerated(EnumType.STRING)
    @Column(name = "kyc_status")
    public KycStatus kycStatus;

    /** The Akepa application whose change it announces; null for a session's. */
    @Column(name = "application_id")
    public String applicationId;

    /** The status (wire name) the application changed to; null for a session's. */
    @Column(name = "application_status")
    public String applicationStatus;

    @Column(nullable = false)
    public String url;

    /** The exact body sent, identical for every attempt (and what the signature is computed over). */
    @Column(nullable = false)
    public String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public WebhookStatus status;

    /** Attempts whose outcome was recorded. */
    @Column(name = "attempt_count", nullable = false)
    public int attemptCount;

    /** When the next attempt is due; null once DELIVERED or FAILED. */
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When it was DELIVERED or FAILED. */
    @Column(name = "completed_at")
    public Instant completedAt;

    /** A new event of a KYC session, due at once. */
    static WebhookEvent pending(String tenantId, String customerId, String sessionId, KycStatus kycStatus, String url,
            String payload, Instant now) {
        WebhookEvent event = pending(tenantId, customerId, url, payload, now);
        event.sessionId = sessionId;
        event.kycStatus = kycStatus;
        return event;
    }

    /** A new event of an Akepa application, due at once. */
    static WebhookEvent pendingOfApplication(String tenantId, String customerId, String applicationId,
            String applicationStatus, String url, String payload, Instant now) {
        WebhookEvent event = pending(tenantId, customerId, url, payload, now);
        event.applicationId = applicationId;
        event.applicationStatus = applicationStatus;
        return event;
    }

    private static WebhookEvent pending(String tenantId, String customerId, String url, String payload, Instant now) {
        WebhookEvent event = new WebhookEvent();
        event.id = Ids.newId(ID_PREFIX);
        event.tenantId = tenantId;
        event.customerId = customerId;
        event.url = url;
        event.payload = payload;
        event.status = WebhookStatus.PENDING;
        event.attemptCount = 0;
        event.nextAttemptAt = now;
        event.createdAt = now;
        return event;
    }

    /**
     * The number of the attempt about to be made. An attempt whose outcome was never recorded (the
     * process died meanwhile) is made again under the same number.
     */
    int nextAttempt() {
        return attemptCount + 1;
    }

    /**
     * Records the outcome of attempt {@link #nextAttempt()} made at {@code attemptedAt}: DELIVERED on
     * a 2xx; otherwise due again after the policy's backoff, or FAILED once it allows no more.
     * Returns the log entry to persist.
     */
    WebhookAttempt recordAttempt(DeliveryOutcome outcome, Instant attemptedAt, RetryPolicy policy, Instant now) {
        if (status != WebhookStatus.PENDING) {
            throw new IllegalStateException("Event " + id + " is " + status + ", not PENDING");
        }
        int attempt = nextAttempt();
        attemptCount = attempt;
        if (outcome.delivered()) {
            complete(WebhookStatus.DELIVERED, now);
        } else {
            Optional<Duration> delay = outcome.permanent() ? Optional.empty()
                    : policy.delayAfterFailedAttempt(attempt);
            if (delay.isPresent()) {
                nextAttemptAt = now.plus(delay.get());
            } else {
                complete(WebhookStatus.FAILED, now);
            }
        }
        return WebhookAttempt.of(this, attempt, outcome, attemptedAt);
    }

    /**
     * Makes the event due again at once, whatever its state: one more attempt, numbered after the
     * last, and retried by the policy like any other (a given-up event gets no retries beyond it).
     */
    void redeliver(Instant now) {
        status = WebhookStatus.PENDING;
        nextAttemptAt = now;
        completedAt = null;
    }

    private void complete(WebhookStatus outcome, Instant now) {
        status = outcome;
        nextAttemptAt = null;
        completedAt = now;
    }

    static Optional<WebhookEvent> lockNextDue(Instant now) {
        return getEntityManager().createNativeQuery(LOCK_NEXT_DUE, WebhookEvent.class)
                .setParameter("now", now)
                .getResultStream().map(WebhookEvent.class::cast).findFirst();
    }

    /** The customer's events, oldest first. */
    static List<WebhookEvent> ofCustomer(String customerId) {
        return list("customerId = ?1 order by seq", customerId);
    }
}
