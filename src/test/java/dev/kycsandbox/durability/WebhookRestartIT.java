package dev.kycsandbox.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.kycsandbox.support.Eventually;
import dev.kycsandbox.support.WebhookReceiver;
import dev.kycsandbox.support.WebhookReceiver.Received;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The webhook outbox across a crash of the packaged sandbox: an event committed by a sandbox
 * that never dispatched it (dispatching disabled, then SIGKILL) is delivered, exactly once, by
 * the next one.
 */
class WebhookRestartIT {

    @RegisterExtension
    static final SandboxWorkDir WORK = new SandboxWorkDir("webhook-restart-it");
    private static final Path WORK_DIR = WORK.path();

    @Test
    void shouldDeliverAnEventCommittedBeforeACrashExactlyOnceAfterRestart() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String hook = receiver.newHook();
            String customerId;
            String eventId;

            SandboxProcess first = SandboxProcess.start(WORK_DIR, "first", Map.of("SANDBOX_WEBHOOK_ENABLED", "false"));
            try {
                String token = first.token();
                customerId = first.api().header("x-connectfi-token", token).contentType(ContentType.JSON)
                        .body(Map.of("customerReference", "webhook1", "customerType", "individual",
                                "customer", Map.of("firstName", "Wendy", "lastName", "Webhook")))
                        .post("/customer/init").then().statusCode(200).extract().path("data.customerId");
                first.api().header("x-connectfi-token", token).contentType(ContentType.JSON)
                        .body(Map.of("customerId", customerId, "webhookURL", receiver.url(hook)))
                        .post("/customer/kyc/init").then().statusCode(200);
                admin(first).contentType(ContentType.JSON).body(Map.of("status", "REJECTED"))
                        .post("/sandbox/customers/{c}/kyc/decision", customerId).then().statusCode(200);

                List<Map<String, Object>> events = log(first, customerId);
                assertEquals(1, events.size(), events.toString());
                assertEquals("PENDING", events.get(0).get("status"), "committed with the change, not sent");
                assertEquals(List.of(), events.get(0).get("attempts"));
                eventId = (String) events.get(0).get("id");
            } finally {
                first.kill(); // the event is committed; the process dies without any shutdown
            }
            assertEquals(List.of(), receiver.received(hook), "dispatching was disabled");

            try (SandboxProcess second = SandboxProcess.start(WORK_DIR, "second")) {
                Map<String, Object> event = Eventually.await(Duration.ofSeconds(30), () -> log(second, customerId).get(0),
                        e -> !"PENDING".equals(e.get("status")), "the event's delivery after the restart");
                assertEquals("DELIVERED", event.get("status"), event.toString());
                assertEquals(eventId, event.get("id"));
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> attempts = (List<Map<String, Object>>) event.get("attempts");
                assertEquals(1, attempts.size(), event.toString());
                assertEquals(200, attempts.get(0).get("statusCode"));

                List<Received> deliveries = receiver.received(hook);
                assertEquals(1, deliveries.size(), "delivered exactly once: " + deliveries);
                Received delivery = deliveries.get(0);
                assertEquals(eventId, delivery.header("x-sandbox-webhook-id"));
                assertEquals("1", delivery.header("x-sandbox-webhook-attempt"));
                JsonPath body = JsonPath.from(delivery.text());
                assertEquals("0", body.getString("code"));
                assertEquals(customerId, body.getString("data.customer.customerId"));
                assertEquals("REJECTED", body.getString("data.kyc.status"));
                String secret = admin(second).get("/sandbox/tenants/sandbox/webhook-secret").then().statusCode(200)
                        .extract().path("data.webhookSecret");
                assertNotNull(secret);
                assertEquals(WebhookReceiver.expectedSignature(delivery.body(), secret),
                        delivery.header("x-sandbox-signature"));
            }
        }
    }

    private static RequestSpecification admin(SandboxProcess sandbox) {
        return sandbox.api().header("x-sandbox-admin-token", SandboxProcess.ADMIN_TOKEN);
    }

    private static List<Map<String, Object>> log(SandboxProcess sandbox, String customerId) {
        return admin(sandbox).queryParam("customerId", customerId).get("/sandbox/webhooks").then().statusCode(200)
                .extract().path("data");
    }
}
