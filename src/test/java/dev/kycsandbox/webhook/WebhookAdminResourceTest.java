package dev.kycsandbox.webhook;

import static dev.kycsandbox.support.Api.ADMIN_HEADER;
import static dev.kycsandbox.support.Api.as;
import static dev.kycsandbox.support.Api.asAdmin;
import static dev.kycsandbox.support.Api.assertError;
import static dev.kycsandbox.support.Api.decide;
import static dev.kycsandbox.support.Api.newCustomer;
import static dev.kycsandbox.support.Api.token;
import static dev.kycsandbox.webhook.Webhooks.SIGNATURE_HEADER;
import static dev.kycsandbox.webhook.Webhooks.awaitSettled;
import static dev.kycsandbox.webhook.Webhooks.initKycWithWebhook;
import static dev.kycsandbox.webhook.Webhooks.log;
import static dev.kycsandbox.webhook.Webhooks.secret;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.kycsandbox.support.Api;
import dev.kycsandbox.support.Eventually;
import dev.kycsandbox.support.WebhookReceiver;
import dev.kycsandbox.support.WebhookReceiver.Received;
import dev.kycsandbox.tenant.TenantData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** {@code GET /sandbox/webhooks}, {@code GET /sandbox/tenants/{tenantId}/webhook-secret}, and a tenant's purge. */
@QuarkusTest
class WebhookAdminResourceTest {

    private static WebhookReceiver receiver;


    @Inject
    @Any
    Instance<TenantData> tenantData;

    @BeforeAll
    static void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void shouldRefuseWebhookCallsWithoutAdminToken() {
        String customerId = newCustomer(token());
        List<Supplier<RequestSpecification>> withoutAdminToken = List.of(() -> given(),
                () -> given().header(ADMIN_HEADER, "wrong-admin-token"),
                () -> given().header(ADMIN_HEADER, ""),
                () -> as(token()));
        for (Supplier<RequestSpecification> request : withoutAdminToken) {
            unauthorized(request.get().queryParam("customerId", customerId).get("/sandbox/webhooks").then());
            unauthorized(request.get().queryParam("customerId", Api.unknownCustomerId()).get("/sandbox/webhooks").then());
            unauthorized(request.get().get("/sandbox/tenants/{t}/webhook-secret", "sandbox").then());
            unauthorized(request.get().get("/sandbox/tenants/{t}/webhook-secret", "no-such-tenant").then());
        }
    }

    @Test
    void shouldListNothingForCustomerWithoutStatusChange() {
        String customerId = newCustomer(token());
        assertEquals(List.of(), log(customerId));
        initKycWithWebhook(token(), customerId, receiver.url(receiver.newHook()));
        assertEquals(List.of(), log(customerId), "opening a session changes no status");
    }

    @Test
    void shouldAnswerCustomerNotFoundForUnknownCustomer() {
        assertError(asAdmin().queryParam("customerId", Api.unknownCustomerId()).get("/sandbox/webhooks").then(), 400,
                "customerNotFound").body("message", equalTo("Customer Not Found"));
        assertError(asAdmin().queryParam("customerId", "not an id").get("/sandbox/webhooks").then(), 400,
                "customerNotFound");
        assertError(asAdmin().get("/sandbox/webhooks").then(), 400, "badRequest");
    }

    @Test
    void shouldListPayloadAndSignatureAndRedeliverOnceMore() {
        String token = token();
        String customerId = newCustomer(token);
        String hook = receiver.newHook();
        initKycWithWebhook(token, customerId, receiver.url(hook));
        decide(customerId, "REJECTED").statusCode(200);
        List<Received> first = receiver.await(hook, 1, Api.DECISION_TIMEOUT);
        java.util.Map<String, Object> event = awaitSettled(customerId, 1).get(0);
        assertEquals(new String(first.get(0).body(), java.nio.charset.StandardCharsets.UTF_8), event.get("payload"));
        assertEquals(first.get(0).header(SIGNATURE_HEADER), event.get("signature"));

        asAdmin().post("/sandbox/webhooks/{id}/redeliver", event.get("id")).then().statusCode(200)
                .body("data.id", equalTo(event.get("id"))).body("data.status", equalTo("PENDING"));
        List<Received> both = receiver.await(hook, 2, Api.DECISION_TIMEOUT);
        assertEquals(first.get(0).text(), both.get(1).text(), "the same payload again");
        Webhooks.awaitLog(customerId, events -> "DELIVERED".equals(events.get(0).get("status"))
                && Webhooks.attempts(events.get(0)).size() == 2);
        assertError(asAdmin().post("/sandbox/webhooks/{id}/redeliver", "whk_nothing").then(), 404, "webhookNotFound");
        unauthorized(given().post("/sandbox/webhooks/{id}/redeliver", event.get("id")).then());
    }

    @Test
    void shouldServeEachTenantsOwnWebhookSecret() {
        Api.tokenOfTenant("tnt-whk-secret");
        String sandbox = secret("sandbox");
        String other = secret("tnt-whk-secret");
        assertTrue(sandbox.matches("^[0-9A-Za-z]{32,64}$"), sandbox);
        assertTrue(other.matches("^[0-9A-Za-z]{32,64}$"), other);
        assertNotEquals(sandbox, other);
        assertEquals(sandbox, secret("sandbox"), "stable");
        asAdmin().get("/sandbox/tenants/{t}/webhook-secret", "sandbox").then().statusCode(200)
                .body("requestId", matchesPattern("^[0-9a-f]{32}$"));
    }

    @Test
    void shouldAnswerTenantNotFoundForUnknownTenant() {
        assertError(asAdmin().get("/sandbox/tenants/{t}/webhook-secret", "no-such-tenant").then(), 404, "tenantNotFound")
                .body("message", equalTo("Tenant Not Found"));
    }

    @Test
    void shouldSignWithTheSecretOfTheCustomersTenantAndListForAnyTenant() {
        String token = Api.tokenOfTenant("tnt-whk-sign");
        String hook = receiver.newHook();
        String customerId = newCustomer(token);
        initKycWithWebhook(token, customerId, receiver.url(hook));
        decide(customerId, "APPROVED").statusCode(200);

        Received delivery = receiver.await(hook, 1, Eventually.DEFAULT).get(0);
        assertEquals(WebhookReceiver.expectedSignature(delivery.body(), secret("tnt-whk-sign")),
                delivery.header(SIGNATURE_HEADER));
        assertNotEquals(WebhookReceiver.expectedSignature(delivery.body(), secret("sandbox")),
                delivery.header(SIGNATURE_HEADER));
        assertEquals("DELIVERED", awaitSettled(customerId, 1).get(0).get("status"));
    }

    @Test
    void shouldPurgeOnlyTheResetTenantsWebhooks() {
        String token = Api.tokenOfTenant("tnt-whk-purge");
        String purged = customerWithSettledWebhook(token);
        String kept = customerWithSettledWebhook(token());

        TenantData webhooks = tenantData.stream().filter(WebhookTenantData.class::isInstance).findFirst()
                .orElseThrow(() -> new AssertionError("the webhook feature registers no TenantData"));
        List<String> blobs = QuarkusTransaction.requiringNew().call(() -> webhooks.purge("tnt-whk-purge"));

        assertEquals(List.of(), blobs, "webhooks point at no blob");
        assertEquals(List.of(), log(purged));
        assertEquals(1, log(kept).size());
    }

    private static String customerWithSettledWebhook(String token) {
        String customerId = newCustomer(token);
        initKycWithWebhook(token, customerId, receiver.url(receiver.newHook()));
        decide(customerId, "REJECTED").statusCode(200);
        awaitSettled(customerId, 1);
        return customerId;
    }

    private static void unauthorized(ValidatableResponse response) {
        assertError(response, 401, "unauthorized").body("message", equalTo("Authentication error"));
    }
}
