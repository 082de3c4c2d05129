package dev.kycsandbox.fault;

import static dev.kycsandbox.support.Api.assertError;
import static dev.kycsandbox.support.Api.asAdmin;
import static dev.kycsandbox.support.Api.content;
import static dev.kycsandbox.support.Api.initKyc;
import static dev.kycsandbox.support.Api.kycSlots;
import static dev.kycsandbox.support.Api.kycStatus;
import static dev.kycsandbox.support.Api.newCustomer;
import static dev.kycsandbox.support.Api.token;
import static dev.kycsandbox.support.Api.upload;
import static dev.kycsandbox.support.Api.uploadRaw;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.kycsandbox.support.Documents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class FaultResourceTest {

    static final String UPLOAD = "POST /customer/kyc/upload/{customerId}/{documentId}";

    @AfterEach
    void resetFaults() {
        asAdmin().delete("/sandbox/faults").then().statusCode(200).body("data.faults.size()", equalTo(0));
    }

    @Test
    void shouldMatchTheCustomerAJsonBodyNames() {
        String token = token();
        String customerId = newCustomer(token);
        String other = newCustomer(token);
        String rule = create(Map.of("route", "POST /customer/kyc/init", "customerId", customerId,
                "action", "error", "status", 500)).extract().path("data.id");

        initKyc(token, other).statusCode(200).header("x-sandbox-fault", nullValue());
        assertError(initKyc(token, customerId), 500, "internalError").header("x-sandbox-fault", rule);
        asAdmin().queryParam("customerId", customerId).queryParam("limit", 1).get("/sandbox/requests").then()
                .body("data.requests[0].fault", equalTo(rule));
    }

    @Test
    void shouldAnswerAnErrorOnTheNextMatchingRequestOnlyNamingTheRule() {
        String token = token();
        String customerId = newCustomer(token);
        initKyc(token, customerId).statusCode(200);
        String rule = create(Map.of("route", "GET /customer/kyc/status/{customerId}", "customerId", customerId,
                "times", 1, "action", "error", "status", 503, "retryAfterSeconds", 7))
                .body("data.remaining", equalTo(1)).extract().path("data.id");

        kycStatus(token, newCustomerWithKyc(token)).statusCode(200); // another customer: no match
        assertError(kycStatus(token, customerId), 503, "serviceUnavailable")
                .header("x-sandbox-fault", rule).header("Retry-After", "7")
                .body("message", containsString(rule));
        kycStatus(token, customerId).statusCode(200).header("x-sandbox-fault", nullValue());

        asAdmin().get("/sandbox/faults").then().statusCode(200)
                .body("data.faults[0].id", equalTo(rule)).body("data.faults[0].remaining", equalTo(0))
                .body("data.faults[0].injected", equalTo(1));
        asAdmin().queryParam("customerId", customerId).queryParam("status", "503").get("/sandbox/requests").then()
                .body("data.requests[0].fault", equalTo(rule));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("sandbox_faults_injected_total{action=\"error\",rule=\"" + rule + "\"}"));
    }

    @Test
    void shouldStoreNothingWhenAnUploadFailsBeforehand() {
        String token = token();
        String customerId = newCustomerWithKyc(token);
        String slot = kycSlots(token, customerId).get(0);
        String rule = create(Map.of("route", UPLOAD, "customerId", customerId, "action", "error")).extract().path("data.id");

        assertError(upload(token, customerId, slot, Documents.png(3)), 500, "internalError").header("x-sandbox-fault", rule);
        assertEquals(404, content(slot).statusCode(), "nothing stored");
    }

    @Test
    void shouldStoreThenFailWithAnError() {
        String token = token();
        String customerId = newCustomerWithKyc(token);
        String slot = kycSlots(token, customerId).get(0);
        String rule = create(Map.of("route", "/customer/kyc/upload/*", "customerId", customerId, "times", 1,
                "action", "error", "storedThenFailed", true)).extract().path("data.id");
        byte[] png = Documents.png(4);

        assertError(upload(token, customerId, slot, png), 500, "internalError").header("x-sandbox-fault", rule);
        awaitJournaledUpload(customerId);
        asAdmin().queryParam("customerId", customerId).queryParam("limit", 1).get("/sandbox/requests").then()
                .body("data.requests[0].status", equalTo(500))
                .body("data.requests[0].responseBody", containsString(rule)); // the answer the client got
        Response stored = content(slot);
        assertEquals(200, stored.statusCode(), "stored, then failed");
        assertArrayEquals(png, stored.asByteArray());
        kycStatus(token, customerId).statusCode(200).body("data.kycDocumentList[0].uploadStatus", equalTo(true));
    }

    @Test
    void shouldStoreThenResetTheConnection() {
        String token = token();
        String customerId = newCustomerWithKyc(token);
        String slot = kycSlots(token, customerId).get(0);
        create(Map.of("route", UPLOAD, "customerId", customerId, "times", 1, "action", "reset", "storedThenFailed", true));
        byte[] png = Documents.png(5);

        assertThrows(IOException.class, () -> uploadRaw(token, customerId, slot, png));
        assertArrayEquals(png, content(slot).asByteArray(), "stored, then reset");
        awaitJournaledUpload(customerId);
        asAdmin().queryParam("customerId", customerId).queryParam("limit", 1).get("/sandbox/requests").then()
                .body("data.requests[0].status", equalTo(0));
    }

    @Test
    void shouldResetBeforeStoringAnything() {
        String token = token();
        String customerId = newCustomerWithKyc(token);
        String slot = kycSlots(token, customerId).get(0);
        create(Map.of("route", UPLOAD, "customerId", customerId, "action", "reset"));

        assertThrows(IOException.class, () -> uploadRaw(token, customerId, slot, Documents.png(6)));
        assertEquals(404, content(slot).statusCode(), "nothing stored");
    }

    @Test
    void shouldAddLatencyFixedOrDrawn() {
        String token = token();
        String customerId = newCustomerWithKyc(token);
        String rule = create(Map.of("customerId", customerId, "action", "latency", "latencyMs", 400, "latencyMaxMs", 600))
                .extract().path("data.id");
        long started = System.nanoTime();
        kycStatus(token, customerId).statusCode(200).header("x-sandbox-fault", rule);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMs >= 400, elapsedMs + " ms");
    }

    @Test
    void shouldStallUntilTheConnectionIsClosed() {
        String token = token();
        String customerId = newCustomerWithKyc(token);
        create(Map.of("customerId", customerId, "action", "stall", "stallMs", 500));
        long started = System.nanoTime();
        assertThrows(IOException.class, () -> kycStatus(token, customerId));
        assertTrue((System.nanoTime() - started) / 1_000_000 >= 500);
    }

    @Test
    void shouldNeverFireWithProbabilityZero() {
        String token = token();
        String customerId = newCustomerWithKyc(token);
        create(Map.of("customerId", customerId, "action", "error", "probability", 0.0));
        for (int i = 0; i < 5; i++) {
            kycStatus(token, customerId).statusCode(200);
        }
        asAdmin().get("/sandbox/faults").then().body("data.faults[0].injected", equalTo(0));
    }

    @Test
    void shouldNotFaultTheAdminApi() {
        create(Map.of("action", "error"));
        asAdmin().get("/sandbox/faults").then().statusCode(200).header("x-sandbox-fault", nullValue());
    }

    @Test
    void shouldRefuseRulesThatDoNotHoldTogether() {
        assertError(post(Map.of("action", "explode")), 400, "requestValidateError");
        assertError(post(Map.of("action", "latency")), 400, "badRequest");
        assertError(post(Map.of("action", "latency", "latencyMs", 5, "status", 503)), 400, "badRequest");
        assertError(post(Map.of("action", "error", "status", 404)), 400, "badRequest");
        assertError(post(Map.of("action", "latency", "latencyMs", 5, "storedThenFailed", true)), 400, "badRequest");
        assertError(post(Map.of("action", "error", "probability", 1.5)), 400, "requestValidateError");
        assertError(post(Map.of("action", "error", "times", 0)), 400, "requestValidateError");
        assertError(asAdmin().delete("/sandbox/faults/flt_nothing").then(), 404, "faultNotFound");
        assertError(given().contentType(ContentType.JSON).body(Map.of("action", "error")).post("/sandbox/faults").then(),
                401, "unauthorized");
        asAdmin().get("/sandbox/faults").then().body("data.faults.size()", equalTo(0));
    }

    @Test
    void shouldDeleteOneRule() {
        String first = create(Map.of("action", "error", "customerId", "cstap_a")).extract().path("data.id");
        String second = create(Map.of("action", "error", "customerId", "cstap_b")).extract().path("data.id");
        asAdmin().delete("/sandbox/faults/{id}", first).then().statusCode(200)
                .body("data.faults.id", equalTo(java.util.List.of(second)));
    }

    private static String newCustomerWithKyc(String token) {
        String customerId = newCustomer(token);
        initKyc(token, customerId).statusCode(200);
        return customerId;
    }

    private static ValidatableResponse post(Map<String, ?> rule) {
        return asAdmin().contentType(ContentType.JSON).body(new HashMap<>(rule)).post("/sandbox/faults").then();
    }

    private static ValidatableResponse create(Map<String, ?> rule) {
        return post(rule).statusCode(200).body("code", equalTo("0"));
    }

    /**
     * The journal records a request when the server is done with it; after a reset the client can
     * ask before that, so wait (bounded) until the upload is the customer's newest entry.
     */
    private static void awaitJournaledUpload(String customerId) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String path = asAdmin().queryParam("customerId", customerId).queryParam("limit", 1).get("/sandbox/requests")
                    .then().statusCode(200).extract().path("data.requests[0].path");
            if (path != null && path.startsWith("/customer/kyc/upload/")) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
