package dev.kycsandbox.webhook;

import static dev.kycsandbox.support.Api.as;
import static dev.kycsandbox.support.Api.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.kycsandbox.support.Eventually;
import dev.kycsandbox.support.WebhookReceiver;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The webhook tests' calls and checks, made like an integrator would. */
final class Webhooks {

    static final String ID_HEADER = "x-sandbox-webhook-id";
    static final String ATTEMPT_HEADER = "x-sandbox-webhook-attempt";
    static final String SIGNATURE_HEADER = "x-sandbox-signature";
    static final String WEBHOOK_ID = "^whk_[0-9A-Za-z]{22}$";
    static final String TIMESTAMP = "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$";

    private Webhooks() {
    }

    /** Starts KYC for the customer with {@code webhookURL}; returns the slot ids. */
    static List<String> initKycWithWebhook(String token, String customerId, String url) {
        return as(token).contentType(ContentType.JSON).body(Map.of("customerId", customerId, "webhookURL", url))
                .post("/customer/kyc/init").then().statusCode(200)
                .body("data.kyc.status", equalTo("WAITING_DATA"))
                .extract().path("data.kycDocumentList.id");
    }

    /** The admin API's list of the customer's events, oldest first. */
    static List<Map<String, Object>> log(String customerId) {
        return asAdmin().queryParam("customerId", customerId).get("/sandbox/webhooks").then()
                .statusCode(200).body("code", equalTo("0"))
                .extract().path("data");
    }

    static List<Map<String, Object>> awaitLog(String customerId, Predicate<List<Map<String, Object>>> done) {
        return Eventually.await(Eventually.DEFAULT, () -> log(customerId), done, "webhook log of " + customerId);
    }

    /** Waits until the customer has {@code count} events, all of them out of PENDING. */
    static List<Map<String, Object>> awaitSettled(String customerId, int count) {
        return awaitLog(customerId, events -> events.size() == count
                && events.stream().noneMatch(e -> "PENDING".equals(e.get("status"))));
    }

    static String secret(String tenantId) {
        return asAdmin().get("/sandbox/tenants/{t}/webhook-secret", tenantId).then().statusCode(200)
                .body("code", equalTo("0")).body("data.tenantId", equalTo(tenantId))
                .extract().path("data.webhookSecret");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> attempts(Map<String, Object> event) {
        return (List<Map<String, Object>>) event.get("attempts");
    }

    /**
     * A delivery of the status change that {@code apiResponse} answered: a signed JSON POST whose
     * body is that response byte for byte, with a requestId of its own.
     */
    static void assertDeliveryOf(Response apiResponse, WebhookReceiver.Received delivery, int attempt, String secret) {
        String webhookRequestId = JsonPath.from(delivery.text()).getString("requestId");
        String apiRequestId = apiResponse.path("requestId");
        assertAll(
                () -> assertEquals("POST", delivery.method()),
                () -> assertEquals("application/json", delivery.header("content-type")),
                () -> assertTrue(delivery.header(ID_HEADER).matches(WEBHOOK_ID), delivery.header(ID_HEADER)),
                () -> assertEquals(Integer.toString(attempt), delivery.header(ATTEMPT_HEADER)),
                () -> assertEquals(WebhookReceiver.expectedSignature(delivery.body(), secret),
                        delivery.header(SIGNATURE_HEADER)),
                () -> assertTrue(webhookRequestId.matches("^[0-9a-f]{32}$"), webhookRequestId),
                () -> assertNotEquals(apiRequestId, webhookRequestId),
                () -> assertTrue(delivery.text().startsWith("{\"code\":\"0\",\"data\":{\"customer\":"), delivery.text()),
                () -> assertEquals(apiResponse.asString().replace(apiRequestId, webhookRequestId), delivery.text()));
    }

    static String kycStatusOf(WebhookReceiver.Received delivery) {
        return JsonPath.from(delivery.text()).getString("data.kyc.status");
    }
}
