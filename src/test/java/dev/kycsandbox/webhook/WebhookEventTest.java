package dev.kycsandbox.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.kycsandbox.kyc.KycStatus;

/** What an attempt's outcome does to an outbox event: no HTTP, no database. */
class WebhookEventTest {

    private static final Instant CREATED = Instant.parse("2024-05-01T10:00:00.000Z");
    private static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(8));

    private WebhookEvent event;

    @BeforeEach
    void pendingEvent() {
        event = WebhookEvent.pending("sandbox", "cstap_0123456789abcdefghijkl", "kyc_0123456789abcdefghijkl",
                KycStatus.IN_REVIEW, "http://127.0.0.1:9/hook", "{}", CREATED);
    }

    @Test
    void shouldBeDueAtOnceWithAStableId() {
        assertTrue(event.id.matches("^whk_[0-9A-Za-z]{22}$"), event.id);
        assertEquals(WebhookStatus.PENDING, event.status);
        assertEquals(CREATED, event.nextAttemptAt);
        assertEquals(1, event.nextAttempt());
    }

    @Test
    void shouldBeDeliveredByA2xx() {
        WebhookAttempt logged = event.recordAttempt(DeliveryOutcome.answered(204, 12), CREATED, POLICY, at(1));
        assertEquals(WebhookStatus.DELIVERED, event.status);
        assertNull(event.nextAttemptAt);
        assertEquals(at(1), event.completedAt);
        assertEquals(1, logged.attempt);
        assertEquals(204, logged.statusCode);
        assertNull(logged.error);
        assertEquals(12, logged.durationMs);
        assertEquals(event.id, logged.eventId);
        assertThrows(IllegalStateException.class,
                () -> event.recordAttempt(DeliveryOutcome.answered(200, 1), at(2), POLICY, at(2)));
    }

    @Test
    void shouldRetryAfterBackoffThenGiveUpAfterMaxAttempts() {
        event.recordAttempt(DeliveryOutcome.answered(500, 3), CREATED, POLICY, at(1));
        assertEquals(WebhookStatus.PENDING, event.status);
        assertEquals(at(1).plusSeconds(5), event.nextAttemptAt);
        assertEquals(2, event.nextAttempt());

        WebhookAttempt second = event.recordAttempt(DeliveryOutcome.failed("connection refused", 1), at(6),
                POLICY, at(6));
        assertEquals(2, second.attempt);
        assertNull(second.statusCode);
        assertEquals("connection refused", second.error);
        assertEquals(at(6).plusSeconds(8), event.nextAttemptAt, "10 s capped at 8 s");

        WebhookAttempt third = event.recordAttempt(DeliveryOutcome.answered(302, 2), at(14), POLICY, at(14));
        assertEquals(3, third.attempt);
        assertEquals(WebhookStatus.FAILED, event.status, "a redirect is not a delivery, and 3 attempts is the limit");
        assertNull(event.nextAttemptAt);
        assertEquals(at(14), event.completedAt);
        assertEquals(3, event.attemptCount);
    }

    @Test
    void shouldGiveUpAtOnceWhenTheUrlCannotBeUsed() {
        event.recordAttempt(DeliveryOutcome.unusable("invalid URL: Illegal character"), CREATED, POLICY, at(0));
        assertEquals(WebhookStatus.FAILED, event.status);
        assertEquals(1, event.attemptCount);
    }

    @Test
    void shouldKeepErrorsShort() {
        assertEquals(DeliveryOutcome.MAX_ERROR_LENGTH, DeliveryOutcome.failed("x".repeat(2000), 1).error().length());
    }

    private static Instant at(long seconds) {
        return CREATED.plusSeconds(seconds);
    }
}
