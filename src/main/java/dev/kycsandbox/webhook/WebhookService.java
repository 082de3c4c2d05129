package dev.kycsandbox.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.customer.Customer;
import dev.kycsandbox.tenant.Tenant;
import dev.kycsandbox.tenant.TenantService;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Delivers due events one attempt at a time, and reads the delivery log for the admin API. */
@ApplicationScoped
public class WebhookService {

    private static final Logger LOG = Logger.getLogger(WebhookService.class);
    /** Room for the database work around an attempt, on top of its connect and request timeouts. */
    private static final int TRANSACTION_MARGIN_SECONDS = 30;

    private final WebhookSender sender;
    private final TenantService tenants;
    private final RetryPolicy policy;
    private final int transactionTimeoutSeconds;

    public WebhookService(WebhookSender sender, TenantService tenants, WebhookConfig config) {
        this.sender = sender;
        this.tenants = tenants;
        this.policy = RetryPolicy.of(config);
        this.transactionTimeoutSeconds = (int) Math.min(Integer.MAX_VALUE,
                config.connectTimeout().plus(config.requestTimeout()).toSeconds() + TRANSACTION_MARGIN_SECONDS);
    }

    /**
     * Makes the next attempt of one due event, if there is one, and records its outcome. The event
     * row stays locked from the claim until the outcome is committed: another dispatcher skips it
     * meanwhile, and if this process dies before the commit, the claim is rolled back and the same
     * attempt is made again later (the receiver may then see it twice, with the same webhook id).
     *
     * @return whether an event was due
     */
    public boolean deliverNextDue() {
        return QuarkusTransaction.requiringNew().timeout(transactionTimeoutSeconds).call(() -> {
            Optional<WebhookEvent> due = WebhookEvent.lockNextDue(now());
            if (due.isEmpty()) {
                return false;
            }
            WebhookEvent event = due.get();
            int attempt = event.nextAttempt();
            Instant attemptedAt = now();
            DeliveryOutcome outcome = attempt(event, attempt);
            event.recordAttempt(outcome, attemptedAt, policy, now()).persist();
            log(event, attempt, outcome);
            Metrics.counter("sandbox.webhook.deliveries", "result", resultOf(outcome, event)).increment();
            return true;
        });
    }

    /** The attempt's label: {@code delivered}; {@code failed}, to be retried; {@code gave_up}, the last one failed. */
    private static String resultOf(DeliveryOutcome outcome, WebhookEvent event) {
        if (outcome.delivered()) {
            return "delivered";
        }
        return event.status == WebhookStatus.FAILED ? "gave_up" : "failed";
    }

    private DeliveryOutcome attempt(WebhookEvent event, int attempt) throws InterruptedException {
        Optional<String> secret = tenants.find(event.tenantId).map(tenant -> tenant.webhookSecret);
        if (secret.isEmpty()) {
            return DeliveryOutcome.unusable("tenant " + event.tenantId + " no longer exists: nothing to sign with");
        }
        byte[] body = event.payload.getBytes(StandardCharsets.UTF_8);
        return sender.send(new WebhookSender.Request(event.url, event.id, attempt, body,
                WebhookSignature.of(body, secret.get())));
    }

    private static void log(WebhookEvent event, int attempt, DeliveryOutcome outcome) {
        String result = outcome.statusCode() != null ? "HTTP " + outcome.statusCode() : outcome.error();
        switch (event.status) {
            case DELIVERED -> LOG.infof("Webhook %s attempt %d to %s: %s in %d ms, delivered", event.id, attempt,
                    event.url, result, outcome.durationMs());
            case FAILED -> LOG.warnf("Webhook %s attempt %d to %s: %s in %d ms; given up after %d attempts", event.id,
                    attempt, event.url, result, outcome.durationMs(), event.attemptCount);
            default -> LOG.infof("Webhook %s attempt %d to %s: %s in %d ms; next attempt at %s", event.id, attempt,
                    event.url, result, outcome.durationMs(), event.nextAttemptAt);
        }
    }

    /** The customer's events with their attempts, oldest first (any tenant: the admin sees all). */
    @Transactional
    public List<WebhookView> ofCustomer(String customerId) {
        if (customerId == null || Customer.findByIdOptional(customerId).isEmpty()) {
            throw new ApiException(ErrorCode.CUSTOMER_NOT_FOUND);
        }
        return views(WebhookEvent.ofCustomer(customerId));
    }

    /** Makes webhook {@code webhookId} due again at once (see {@link WebhookEvent#redeliver}). */
    @Transactional
    public WebhookView redeliver(String webhookId) {
        // waits for an attempt in progress on the event to commit, then takes the event over
        WebhookEvent event = WebhookEvent.<WebhookEvent> findByIdOptional(webhookId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new ApiException(ErrorCode.WEBHOOK_NOT_FOUND));
        event.redeliver(now());
        return views(List.of(event)).get(0);
    }

    /** The events with their attempts, and the payload and signature as sent. */
    private List<WebhookView> views(List<WebhookEvent> events) {
        Map<String, List<WebhookAttempt>> attempts = WebhookAttempt
                .ofEvents(events.stream().map(e -> e.id).toList()).stream()
                .collect(Collectors.groupingBy(a -> a.eventId));
        Map<String, Optional<String>> secrets = new HashMap<>();
        return events.stream().map(e -> {
            Optional<String> secret = secrets.computeIfAbsent(e.tenantId, t -> tenants.find(t).map(tenant -> tenant.webhookSecret));
            String signature = secret.map(key -> WebhookSignature.of(e.payload.getBytes(StandardCharsets.UTF_8), key)).orElse(null);
            return WebhookView.of(e, attempts.getOrDefault(e.id, List.of()), signature);
        }).toList();
    }

    /** The key a tenant's webhooks are signed with, for integrators to verify signatures. */
    @Transactional
    public Optional<WebhookSecret> secretOf(String tenantId) {
        return tenants.find(tenantId).map(WebhookSecret::of);
    }

    @RegisterForReflection
    public record WebhookSecret(String tenantId, String webhookSecret) {
        static WebhookSecret of(Tenant tenant) {
            return new WebhookSecret(tenant.id, tenant.webhookSecret);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
