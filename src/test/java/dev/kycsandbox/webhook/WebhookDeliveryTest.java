package dev.kycsandbox.webhook;

import static dev.kycsandbox.support.Api.addCardAttributes;
import static dev.kycsandbox.support.Api.decide;
import static dev.kycsandbox.support.Api.newCustomer;
import static dev.kycsandbox.support.Api.readyForReview;
import static dev.kycsandbox.support.Api.token;
import static dev.kycsandbox.support.Api.upload;
import static dev.kycsandbox.webhook.Webhooks.ATTEMPT_HEADER;
import static dev.kycsandbox.webhook.Webhooks.ID_HEADER;
import static dev.kycsandbox.webhook.Webhooks.SIGNATURE_HEADER;
import static dev.kycsandbox.webhook.Webhooks.TIMESTAMP;
import static dev.kycsandbox.webhook.Webhooks.assertDeliveryOf;
import static dev.kycsandbox.webhook.Webhooks.attempts;
import static dev.kycsandbox.webhook.Webhooks.awaitSettled;
import static dev.kycsandbox.webhook.Webhooks.initKycWithWebhook;
import static dev.kycsandbox.webhook.Webhooks.log;
import static dev.kycsandbox.webhook.Webhooks.secret;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.kycsandbox.support.Documents;
import dev.kycsandbox.support.Eventually;
import dev.kycsandbox.support.WebhookReceiver;
import dev.kycsandbox.support.WebhookReceiver.Received;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Webhooks end to end: the sandbox's dispatcher POSTs to a real HTTP server of the test. Under the
 * test profile it retries after 100 ms (doubling, at most 400 ms), gives up after 3 attempts, and
 * waits at most 2 s for a response.
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final int MAX_ATTEMPTS = 3; // %test.sandbox.webhook.max-attempts

    private static WebhookReceiver receiver;

    @BeforeAll
    static void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void shouldPostTheSignedKycResponseOfEachStatusChange() {
        String hook = receiver.newHook();
        String customerId = newCustomer(token());
        List<String> slots = initKycWithWebhook(token(), customerId, receiver.url(hook));
        upload(token(), customerId, slots.get(0), Documents.png(31)).statusCode(200);
        upload(token(), customerId, slots.get(1), Documents.png(32)).statusCode(200);
        Response inReview = addCardAttributes(token(), customerId).statusCode(200)
                .body("data.kyc.status", equalTo("IN_REVIEW")).extract().response();

        String secret = secret("sandbox");
        Received first = receiver.await(hook, 1, Eventually.DEFAULT).get(0);
        assertDeliveryOf(inReview, first, 1, secret);

        Response approved = decide(customerId, "APPROVED").statusCode(200).extract().response();
        Received second = receiver.await(hook, 2, Eventually.DEFAULT).get(1);
        assertDeliveryOf(approved, second, 1, secret);
        assertNotEquals(first.header(ID_HEADER), second.header(ID_HEADER), "one id per event");

        List<Map<String, Object>> events = awaitSettled(customerId, 2);
        assertEquals(List.of(first.header(ID_HEADER), second.header(ID_HEADER)), events.stream().map(e -> e.get("id")).toList());
        assertEquals(List.of("IN_REVIEW", "APPROVED"), events.stream().map(e -> e.get("kycStatus")).toList());
        for (Map<String, Object> event : events) {
            assertEquals("DELIVERED", event.get("status"), event.toString());
            assertEquals(receiver.url(hook), event.get("url"));
            assertEquals(customerId, event.get("customerId"));
            assertTrue(((String) event.get("sessionId")).startsWith("kyc_"), event.toString());
            assertTrue(((String) event.get("dtsCreatedAt")).matches(TIMESTAMP), event.toString());
            assertTrue(((String) event.get("dtsCompletedAt")).matches(TIMESTAMP), event.toString());
            assertNull(event.get("dtsNextAttemptAt"));
            List<Map<String, Object>> attempts = attempts(event);
            assertEquals(1, attempts.size(), event.toString());
            assertEquals(1, attempts.get(0).get("attempt"));
            assertEquals(200, attempts.get(0).get("statusCode"));
            assertNull(attempts.get(0).get("error"));
            assertTrue(((String) attempts.get(0).get("dtsAttemptedAt")).matches(TIMESTAMP), event.toString());
            assertTrue(((Number) attempts.get(0).get("durationMs")).longValue() >= 0, event.toString());
        }
        assertEquals(2, receiver.received(hook).size(), "opening the session is no status change");
    }

    @Test
    void shouldRecordNoWebhookWithoutWebhookUrl() {
        String customerId = newCustomer(token());
        readyForReview(token(), customerId);
        decide(customerId, "APPROVED").statusCode(200);
        // the outbox row would have been committed with the change itself
        assertEquals(List.of(), log(customerId));
    }

    @Test
    void shouldRetryAfterAServerErrorAndLogBothAttempts() {
        String hook = receiver.newHook();
        receiver.thenAnswer(hook, 500);
        String customerId = newCustomer(token());
        initKycWithWebhook(token(), customerId, receiver.url(hook));
        Response rejected = decide(customerId, "REJECTED").statusCode(200).extract().response();

        Map<String, Object> event = awaitSettled(customerId, 1).get(0);
        assertEquals("DELIVERED", event.get("status"), event.toString());
        assertEquals("REJECTED", event.get("kycStatus"));
        List<Map<String, Object>> attempts = attempts(event);
        assertEquals(List.of(1, 2), attempts.stream().map(a -> a.get("attempt")).toList(), event.toString());
        assertEquals(500, attempts.get(0).get("statusCode"));
        assertNull(attempts.get(0).get("error"));
        assertEquals(200, attempts.get(1).get("statusCode"));
        assertTrue(Instant.parse((String) attempts.get(1).get("dtsAttemptedAt"))
                .isAfter(Instant.parse((String) attempts.get(0).get("dtsAttemptedAt"))), event.toString());

        List<Received> deliveries = receiver.received(hook);
        assertEquals(2, deliveries.size());
        String secret = secret("sandbox");
        assertDeliveryOf(rejected, deliveries.get(0), 1, secret);
        assertDeliveryOf(rejected, deliveries.get(1), 2, secret);
        assertEquals(event.get("id"), deliveries.get(0).header(ID_HEADER));
        assertEquals(event.get("id"), deliveries.get(1).header(ID_HEADER), "the same id on a retry, so receivers can dedupe");
        assertArrayEquals(deliveries.get(0).body(), deliveries.get(1).body(), "a retry sends the same bytes");
    }

    @Test
    void shouldRetryAfterATimeout() {
        String hook = receiver.newHook();
        receiver.thenAnswerAfter(hook, Duration.ofSeconds(6)); // longer than the 2 s request timeout
        String customerId = newCustomer(token());
        initKycWithWebhook(token(), customerId, receiver.url(hook));
        decide(customerId, "APPROVED").statusCode(200);

        Map<String, Object> event = awaitSettled(customerId, 1).get(0);
        assertEquals("DELIVERED", event.get("status"), event.toString());
        List<Map<String, Object>> attempts = attempts(event);
        assertEquals(2, attempts.size(), event.toString());
        assertNull(attempts.get(0).get("statusCode"));
        assertEquals("no response within 2000 ms", attempts.get(0).get("error"));
        assertTrue(((Number) attempts.get(0).get("durationMs")).longValue() >= 1500, event.toString());
        assertEquals(200, attempts.get(1).get("statusCode"));
        assertEquals(List.of("1", "2"), receiver.received(hook).stream().map(r -> r.header(ATTEMPT_HEADER)).toList());
    }

    @Test
    void shouldGiveUpAfterMaxAttemptsWhenTheReceiverAlwaysFails() {
        String hook = receiver.newHook();
        receiver.otherwiseAnswer(hook, 503);
        String customerId = newCustomer(token());
        initKycWithWebhook(token(), customerId, receiver.url(hook));
        decide(customerId, "REJECTED").statusCode(200);

        Map<String, Object> event = awaitSettled(customerId, 1).get(0);
        assertEquals("FAILED", event.get("status"), event.toString());
        assertNull(event.get("dtsNextAttemptAt"));
        assertNotNull(event.get("dtsCompletedAt"));
        List<Map<String, Object>> attempts = attempts(event);
        assertEquals(List.of(1, 2, 3), attempts.stream().map(a -> a.get("attempt")).toList(), event.toString());
        attempts.forEach(a -> assertEquals(503, a.get("statusCode"), event.toString()));
        List<Received> deliveries = receiver.received(hook);
        assertEquals(MAX_ATTEMPTS, deliveries.size(), "no attempt after giving up");
        assertEquals(List.of("1", "2", "3"), deliveries.stream().map(r -> r.header(ATTEMPT_HEADER)).toList());
        // each attempt counted for what it came to: failed ones to retry, then the one given up
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("sandbox_webhook_deliveries_total{result=\"failed\"}"))
                .body(containsString("sandbox_webhook_deliveries_total{result=\"gave_up\"}"));
    }

    @Test
    void shouldRetryAndGiveUpWhenNothingListens() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String customerId = newCustomer(token());
        initKycWithWebhook(token(), customerId, "http://127.0.0.1:" + closedPort + "/hook");
        decide(customerId, "APPROVED").statusCode(200);

        Map<String, Object> event = awaitSettled(customerId, 1).get(0);
        assertEquals("FAILED", event.get("status"), event.toString());
        List<Map<String, Object>> attempts = attempts(event);
        assertEquals(MAX_ATTEMPTS, attempts.size(), event.toString());
        for (Map<String, Object> attempt : attempts) {
            assertNull(attempt.get("statusCode"), event.toString());
            assertEquals("connection refused", attempt.get("error"), event.toString());
        }
    }

    @Test
    void shouldDeliverTheEventsOfASessionInOrder() {
        String hook = receiver.newHook();
        receiver.thenAnswer(hook, 500, 500); // the IN_REVIEW event is retried while the decision is made
        String customerId = newCustomer(token());
        List<String> slots = initKycWithWebhook(token(), customerId, receiver.url(hook));
        upload(token(), customerId, slots.get(0), Documents.png(33)).statusCode(200);
        upload(token(), customerId, slots.get(1), Documents.png(34)).statusCode(200);
        addCardAttributes(token(), customerId).statusCode(200).body("data.kyc.status", equalTo("IN_REVIEW"));
        decide(customerId, "APPROVED").statusCode(200);

        List<Map<String, Object>> events = awaitSettled(customerId, 2);
        assertEquals(List.of("DELIVERED", "DELIVERED"), events.stream().map(e -> e.get("status")).toList(), events.toString());
        List<Received> deliveries = receiver.received(hook);
        assertEquals(List.of("IN_REVIEW", "IN_REVIEW", "IN_REVIEW", "APPROVED"),
                deliveries.stream().map(Webhooks::kycStatusOf).toList());
        assertEquals(List.of("1", "2", "3", "1"), deliveries.stream().map(r -> r.header(ATTEMPT_HEADER)).toList());
        String secret = secret("sandbox");
        deliveries.forEach(d -> assertEquals(WebhookReceiver.expectedSignature(d.body(), secret), d.header(SIGNATURE_HEADER)));
    }
}
