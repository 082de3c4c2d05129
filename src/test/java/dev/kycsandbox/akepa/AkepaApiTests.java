package dev.kycsandbox.akepa;

import static dev.kycsandbox.support.Api.as;
import static dev.kycsandbox.support.Api.assertError;
import static dev.kycsandbox.support.Api.assertValidationFailure;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.kycsandbox.support.AkepaApi;
import dev.kycsandbox.support.Api;
import dev.kycsandbox.support.Documents;
import dev.kycsandbox.support.Eventually;
import dev.kycsandbox.support.WebhookReceiver;
import dev.kycsandbox.support.WebhookReceiver.Received;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The Akepa family over HTTP only: both documented sandbox journeys, each with its one webhook,
 * and every error row of docs/api.md §8. Run in the JVM by {@code AkepaResourceTest} and against
 * the packaged application by {@code AkepaIT}.
 */
abstract class AkepaApiTests {

    /** After its webhook, how long a journey is watched for a second one that must not come. */
    private static final Duration QUIET = Duration.ofSeconds(2);

    private static WebhookReceiver receiver;
    protected String token;

    @BeforeAll
    static void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void login() {
        token = Api.token();
    }

    @Test
    void shouldWalkTheWaitReviewJourneyToAnAdminDecisionWithOneWebhook() {
        String hook = receiver.newHook();
        String customerId = AkepaApi.newCustomer(token, "WaitReview");
        String reference = AkepaApi.newReference();
        String applicationId = AkepaApi.identification(token, Map.of("customerId", customerId, "reference", reference,
                "webhookURL", receiver.url(hook))).statusCode(200)
                .header("Deprecation", (String) null)
                .body("code", equalTo("0"))
                .body("requestId", matchesPattern("^[0-9a-f]{32}$"))
                .body("data.applicationId", matchesPattern("^iapp_[0-9A-Za-z]{22}$"))
                .body("data.aggregatorId", equalTo("sandbox"))
                .body("data.customerId", equalTo(customerId))
                .body("data.reference", equalTo(reference))
                .body("data.status", equalTo("pending_step_up"))
                .body("data", not(hasKey("outcome")))
                .body("data.entityApplications.entityId", contains(customerId))
                .body("data.entityApplications.isCustomer", contains(true))
                .body("data.entityApplications.status", contains("pending_step_up"))
                .extract().path("data.applicationId");

        String front = AkepaApi.documentWith(token, "license", Documents.png(61));
        AkepaApi.update(token, customerId, List.of(front)).statusCode(200)
                .body("data.status", equalTo("pending_step_up"));
        String back = AkepaApi.documentWith(token, "license", Documents.png(62));
        AkepaApi.update(token, customerId, List.of(back)).statusCode(200)
                .body("data.applicationId", equalTo(applicationId))
                .body("data.status", equalTo("waiting_review"));
        AkepaApi.statusOf(token, customerId).statusCode(200).body("data.status", equalTo("waiting_review"));

        AkepaApi.decide(customerId, "Approved").statusCode(200)
                .body("data.status", equalTo("completed"))
                .body("data.outcome", equalTo("Approved"))
                .body("data.entityApplications.outcome", contains("approved"));
        AkepaApi.status(token, Map.of("applicationId", applicationId)).statusCode(200)
                .body("data.status", equalTo("completed")).body("data.outcome", equalTo("Approved"));

        JsonPath webhook = onlyWebhook(hook);
        assertEquals("0", webhook.getString("code"));
        assertEquals(applicationId, webhook.getString("data.applicationId"));
        assertEquals("completed", webhook.getString("data.status"));
        assertEquals("Approved", webhook.getString("data.outcome"));
        assertEquals("approved", webhook.getString("data.entityApplications[0].outcome"));
        Api.asAdmin().queryParam("customerId", customerId).get("/sandbox/webhooks").then().statusCode(200)
                .body("data.applicationId", contains(applicationId))
                .body("data.applicationStatus", contains("completed"))
                .body("data.status", contains("DELIVERED"));
    }

    @Test
    void shouldCompleteAnOrdinaryLastNameAsynchronouslyWithOneWebhook() {
        String hook = receiver.newHook();
        String customerId = AkepaApi.newCustomer(token, "Testman");
        String applicationId = AkepaApi.start(token, customerId, receiver.url(hook));
        String passport = AkepaApi.documentWith(token, "passport", Documents.png(63));
        AkepaApi.update(token, customerId, List.of(passport)).statusCode(200).body("data.status", equalTo("running"));

        AkepaApi.awaitStatus(token, customerId, "completed").body("data.outcome", equalTo("Approved"))
                .body("data.entityApplications.status", contains("completed"));
        JsonPath webhook = onlyWebhook(hook);
        assertEquals(applicationId, webhook.getString("data.applicationId"));
        assertEquals("completed", webhook.getString("data.status"));
        assertEquals("Approved", webhook.getString("data.outcome"));
    }

    @Test
    void shouldDenyARejectLastNameAsynchronously() {
        String customerId = AkepaApi.newCustomer(token, "Rejectson");
        AkepaApi.start(token, customerId, null);
        AkepaApi.update(token, customerId, List.of(AkepaApi.documentWith(token, "passport", Documents.png(64))))
                .statusCode(200).body("data.status", equalTo("running"));
        AkepaApi.awaitStatus(token, customerId, "completed").body("data.outcome", equalTo("Denied"));
    }

    @Test
    void shouldDecideInsideTheUpdateWithSyncModeAndSendNoWebhook() {
        String hook = receiver.newHook();
        String customerId = AkepaApi.newCustomer(token, "Testman");
        AkepaApi.identification(token, Map.of("customerId", customerId, "reference", AkepaApi.newReference(),
                "syncMode", true, "webhookUrl", receiver.url(hook))).statusCode(200);
        AkepaApi.update(token, customerId, List.of(AkepaApi.documentWith(token, "passport", Documents.png(65))))
                .statusCode(200).body("data.status", equalTo("completed")).body("data.outcome", equalTo("Approved"));
        pause(QUIET);
        assertEquals(List.of(), receiver.received(hook), "a change inside the response is not announced");
    }

    @Test
    void shouldAskForDataWhenTheCustomerLacksAnAddressAndReturnTheOpenApplicationUnchanged() {
        String customerId = Api.newCustomer(token, "Testman"); // no address
        String applicationId = AkepaApi.identification(token, Map.of("customerId", customerId, "reference",
                AkepaApi.newReference())).statusCode(200).body("data.status", equalTo("data_request"))
                .extract().path("data.applicationId");
        AkepaApi.identification(token, Map.of("customerId", customerId, "reference", AkepaApi.newReference()))
                .statusCode(200).body("data.applicationId", equalTo(applicationId))
                .body("data.status", equalTo("data_request"));
    }

    @Test
    void shouldAnswerTheErrorsOfIdentification() {
        String customerId = AkepaApi.newCustomer(token, "WaitReview");
        assertError(AkepaApi.identification(token, Map.of("customerId", Api.unknownCustomerId(), "reference",
                AkepaApi.newReference())), 400, "customerNotFound").body("message", equalTo("Customer Not Found"));
        assertValidationFailure(AkepaApi.identification(token, Map.of("customerId", customerId, "reference",
                "not-alphanumeric")), "/reference", "pattern");
        assertValidationFailure(AkepaApi.identification(token, Map.of("customerId", customerId, "reference",
                "a".repeat(33))), "/reference", "pattern");
        assertValidationFailure(AkepaApi.identification(token, Map.of("customerId", customerId, "reference",
                AkepaApi.newReference(), "webhookURL", "https://hooks.example.com/" + "a".repeat(480))),
                "/webhookURL", "maxLength");
        assertError(as(token).contentType(ContentType.JSON).body("{\"customerId\":").post("/akepa/identification")
                .then(), 400, "badRequest");
        assertError(given().contentType(ContentType.JSON).body(Map.of("customerId", customerId, "reference", "r1"))
                .post("/akepa/identification").then(), 401, "unauthorized");

        String reference = AkepaApi.newReference();
        String applicationId = AkepaApi.identification(token, Map.of("customerId", customerId, "reference", reference))
                .statusCode(200).extract().path("data.applicationId");
        String other = AkepaApi.newCustomer(token, "WaitReview");
        assertError(AkepaApi.identification(token, Map.of("customerId", other, "reference", reference)), 400,
                "referenceExists")
                .body("context.reference", equalTo(reference))
                .body("context.applicationId", equalTo(applicationId));
    }

    @Test
    void shouldAnswerTheErrorsOfStatus() {
        String customerId = AkepaApi.newCustomer(token, "WaitReview");
        assertError(AkepaApi.statusOf(token, customerId), 400, "applicationNotFound");
        assertError(AkepaApi.statusOf(token, Api.unknownCustomerId()), 400, "customerNotFound");
        assertError(AkepaApi.status(token, Map.of("customerId", Api.unknownCustomerId())), 400, "customerNotFound");
        assertError(AkepaApi.status(token, Map.of("applicationId", "iapp_0000000000000000000000")), 400,
                "applicationNotFound").body("message", equalTo("Application Not Found"));
        assertError(AkepaApi.status(token, Map.of()), 400, "badRequest");
        String applicationId = AkepaApi.start(token, customerId, null);
        AkepaApi.status(token, Map.of("customerId", customerId)).statusCode(200)
                .body("data.applicationId", equalTo(applicationId));
        String other = AkepaApi.newCustomer(token, "WaitReview");
        assertError(AkepaApi.status(token, Map.of("customerId", other, "applicationId", applicationId)), 400,
                "applicationNotFound");
    }

    @Test
    void shouldGenerateDocumentsAndAnswerTheErrorsOfGenerate() {
        AkepaApi.generate(token, Map.of("workflow", "BUSINESS", "name", "w2 2023", "extension", "jpg", "type", "w2",
                "note", "from payroll", "note_author_agent_email", "agent@example.com")).statusCode(200)
                .header("Deprecation", (String) null)
                .body("data.id", matchesPattern("^doc_[0-9A-Za-z]{22}$"))
                .body("data.uploadStatus", equalTo(false))
                .body("data.type", equalTo("w2"))
                .body("data.extension", equalTo("jpg"));
        Map<String, Object> valid = Map.of("workflow", "PERSONAL", "name", "passport", "extension", "png",
                "type", "passport");
        assertValidationFailure(AkepaApi.generate(token, with(valid, "workflow", "OTHER")), "/workflow", "pattern");
        assertValidationFailure(AkepaApi.generate(token, with(valid, "extension", "pdf")), "/extension", "pattern");
        assertValidationFailure(AkepaApi.generate(token, with(valid, "type", "selfie")), "/type", "pattern");
        assertValidationFailure(AkepaApi.generate(token, with(valid, "name", "")), "/name", "minLength");
        assertValidationFailure(AkepaApi.generate(token, with(valid, "name", "n".repeat(51))), "/name", "maxLength");
        assertValidationFailure(AkepaApi.generate(token, with(valid, "note", "n".repeat(501))), "/note", "maxLength");
        Map<String, Object> noType = new HashMap<>(valid);
        noType.remove("type");
        Api.assertRequired(AkepaApi.generate(token, noType), "", "type");
    }

    @Test
    void shouldStoreUploadsDurablyOverwritingUntilCompletedAndAnswerTheErrorsOfUpload() {
        String documentId = AkepaApi.newDocument(token, "passport", "png");
        byte[] first = Documents.png(66);
        AkepaApi.upload(token, documentId, first).statusCode(200)
                .header("Deprecation", (String) null)
                .body("data.id", equalTo(documentId)).body("data.uploadStatus", equalTo(true));
        assertStored(documentId, first);
        byte[] second = Documents.png(67);
        AkepaApi.upload(token, documentId, second).statusCode(200);
        assertStored(documentId, second);

        assertError(AkepaApi.upload(token, Api.unknownDocumentId(), Documents.png(68)), 400, "documentNotFound")
                .body("message", equalTo("Document Not Found"));
        assertError(AkepaApi.upload(token, documentId, Documents.jpeg()), 400, "badRequest");
        assertError(AkepaApi.upload(token, documentId, Documents.text()), 400, "badRequest");
        assertError(as(token).multiPart("note", "no file").post("/akepa/document/upload/{d}", documentId).then(), 400,
                "badRequest").body("message", equalTo("Bad request. File not found"));
        assertError(as(token).contentType(ContentType.JSON).body("{}").post("/akepa/document/upload/{d}", documentId)
                .then(), 400, "badRequest");
        assertStored(documentId, second);

        String customerId = AkepaApi.newCustomer(token, "WaitReview");
        AkepaApi.start(token, customerId, null);
        AkepaApi.update(token, customerId, List.of(documentId)).statusCode(200)
                .body("data.status", equalTo("waiting_review"));
        byte[] third = Documents.png(69);
        AkepaApi.upload(token, documentId, third).statusCode(200); // not completed yet: still overwritten
        AkepaApi.decide(customerId, "Denied").statusCode(200).body("data.outcome", equalTo("Denied"));
        assertError(AkepaApi.upload(token, documentId, Documents.png(70)), 400, "applicationCompleted")
                .body("message", equalTo("Application has already been completed"));
        assertError(as(token).contentType("multipart/form-data; boundary=xyz")
                .body("garbage".getBytes(StandardCharsets.US_ASCII))
                .post("/akepa/document/upload/{d}", documentId).then(), 400, "applicationCompleted");
        assertStored(documentId, third);
    }

    @Test
    void shouldAnswerTheErrorsOfUpdate() {
        String customerId = AkepaApi.newCustomer(token, "WaitReview");
        String uploaded = AkepaApi.documentWith(token, "passport", Documents.png(71));
        assertError(AkepaApi.update(token, customerId, List.of(uploaded)), 400, "applicationNotFound");
        assertError(AkepaApi.update(token, Api.unknownCustomerId(), List.of(uploaded)), 400, "customerNotFound");
        AkepaApi.start(token, customerId, null);
        assertError(AkepaApi.update(token, customerId, List.of(AkepaApi.newDocument(token, "passport", "jpg"))), 400,
                "badRequest");
        assertError(AkepaApi.update(token, customerId, List.of(Api.unknownDocumentId())), 400, "documentNotFound");
        assertValidationFailure(AkepaApi.update(token, customerId, List.of()), "/documents", "minItems");
        AkepaApi.statusOf(token, customerId).statusCode(200).body("data.status", equalTo("pending_step_up"));

        AkepaApi.update(token, customerId, List.of(uploaded)).statusCode(200)
                .body("data.status", equalTo("waiting_review"));
        String elsewhere = AkepaApi.newCustomer(token, "WaitReview");
        AkepaApi.start(token, elsewhere, null);
        assertError(AkepaApi.update(token, elsewhere, List.of(uploaded)), 400, "badRequest");

        AkepaApi.decide(customerId, "Approved").statusCode(200);
        assertError(AkepaApi.update(token, customerId, List.of(AkepaApi.documentWith(token, "utility",
                Documents.png(72)))), 400, "applicationCompleted");
    }

    @Test
    void shouldAnswerTheErrorsOfTheAdminDecision() {
        String customerId = AkepaApi.newCustomer(token, "WaitReview");
        assertError(AkepaApi.decide(customerId, "Approved"), 400, "applicationNotFound");
        assertError(AkepaApi.decide(Api.unknownCustomerId(), "Approved"), 400, "customerNotFound");
        AkepaApi.start(token, customerId, null);
        assertValidationFailure(AkepaApi.decide(customerId, "APPROVED"), "/outcome", "pattern");
        assertError(given().contentType(ContentType.JSON).body(Map.of("outcome", "Approved"))
                .post("/sandbox/customers/{c}/akepa/decision", customerId).then(), 401, "unauthorized");
        assertError(as(token).contentType(ContentType.JSON).body(Map.of("outcome", "Approved"))
                .post("/sandbox/customers/{c}/akepa/decision", customerId).then(), 401, "unauthorized");
        AkepaApi.decide(customerId, "Approved").statusCode(200);
        assertError(AkepaApi.decide(customerId, "Denied"), 400, "applicationCompleted");
        AkepaApi.statusOf(token, customerId).statusCode(200).body("data.outcome", equalTo("Approved"));
    }

    @Test
    void shouldKeepTheLegacySessionAndTheApplicationApart() {
        String customerId = AkepaApi.newCustomer(token, "WaitReview");
        Api.kycSlots(token, customerId);
        AkepaApi.start(token, customerId, null);
        AkepaApi.decide(customerId, "Approved").statusCode(200);
        // GET /customer/status reports the legacy session's status as kycStatus (docs/api.md §8)
        as(token).get("/customer/status/{c}", customerId).then().statusCode(200)
                .body("data.kycStatus", equalTo("WAITING_DATA"));
        Api.kycStatus(token, customerId).statusCode(200).body("data.kyc.status", equalTo("WAITING_DATA"));
    }

    @Test
    void shouldRemoveAkepaApplicationsDocumentsAndFilesWithATenantReset() {
        String tenantId = Api.newTenant(null);
        String tenantsToken = Api.tokenOfNewUser(tenantId);
        String customerId = AkepaApi.newCustomer(tenantsToken, "WaitReview");
        AkepaApi.start(tenantsToken, customerId, receiver.url(receiver.newHook()));
        String attached = AkepaApi.documentWith(tenantsToken, "passport", Documents.png(73));
        String loose = AkepaApi.documentWith(tenantsToken, "utility", Documents.png(74));
        AkepaApi.update(tenantsToken, customerId, List.of(attached)).statusCode(200);
        AkepaApi.decide(customerId, "Approved").statusCode(200);

        Api.asAdmin().post("/sandbox/tenants/{t}/reset", tenantId).then().statusCode(200)
                .body("data.deletedFiles", equalTo(2));
        assertError(AkepaApi.statusOf(tenantsToken, customerId), 400, "customerNotFound");
        assertError(Api.content(attached).then(), 404, "documentNotFound");
        assertError(Api.content(loose).then(), 404, "documentNotFound");
        assertError(AkepaApi.upload(tenantsToken, loose, Documents.png(75)), 400, "documentNotFound");
    }

    /** The one webhook {@code hook} receives; none follows within {@link #QUIET}. */
    private static JsonPath onlyWebhook(String hook) {
        Received received = receiver.await(hook, 1, Eventually.DEFAULT).get(0);
        pause(QUIET);
        assertEquals(1, receiver.received(hook).size(), () -> "more than one webhook: " + receiver.received(hook));
        assertNull(received.header("deprecation"));
        return new JsonPath(received.text());
    }

    private static void assertStored(String documentId, byte[] expected) {
        var response = Api.content(documentId);
        assertEquals(200, response.statusCode(), response.asString());
        assertArrayEquals(expected, response.asByteArray());
        assertEquals(Documents.sha256(expected), response.header("x-content-sha256"));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> changed = new HashMap<>(body);
        changed.put(key, value);
        return changed;
    }
}
