package dev.kycsandbox.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The black-box tests' client of the sandbox: each call is one real HTTP request. */
public final class Api {

    public static final String TOKEN_HEADER = "x-connectfi-token";
    public static final String ADMIN_HEADER = "x-sandbox-admin-token";
    /** Set as {@code %test.sandbox.admin.token}. */
    public static final String ADMIN_TOKEN = "test-admin-token";
    public static final String ID_PATTERN = "^[0-9a-zA-Z_]{1,36}$";
    /**
     * The outcome rules' magic last name that keeps a session IN_REVIEW until an admin decides:
     * the default of {@link #newCustomer(String)}, so that tests of the flow see each status for as
     * long as they look. Tests of the automatic outcomes name their customers themselves.
     */
    public static final String WAIT_REVIEW = "WaitReview";
    /** How long a test waits for the outcome rules' scheduler to decide (it ticks every second). */
    public static final Duration DECISION_TIMEOUT = Duration.ofSeconds(30);

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private Api() {
    }

    /** A token of the bootstrap user (tenant {@code sandbox}). */
    public static String token() {
        return tokenFor("sandbox", "sandbox");
    }

    /** A token of the user, cached for as long as the test database lives. */
    public static String tokenFor(String login, String password) {
        String database = System.getProperty(PostgresTestResource.GENERATION, "");
        return TOKENS.computeIfAbsent(database + "|" + login + ":" + password, key -> login(login, password)
                .statusCode(200).extract().path("data.token"));
    }

    public static ValidatableResponse login(String login, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("login", login, "password", password)))
                .post("/auth/get-token").then();
    }

    public static RequestSpecification as(String token) {
        return given().header(TOKEN_HEADER, token);
    }

    public static RequestSpecification asAdmin() {
        return given().header(ADMIN_HEADER, ADMIN_TOKEN);
    }

    /**
     * A token of a user of {@code tenant}, the tenant and the user made through the admin API if
     * absent: for the tests that show one tenant's ids are unknown to another.
     */
    public static String tokenOfTenant(String tenant) {
        String login = "user-" + tenant;
        String password = "pw-" + tenant;
        createUnlessExists(asAdmin().contentType(ContentType.JSON).body(Map.of("tenantId", tenant))
                .post("/sandbox/tenants"), "tenantExists");
        createUnlessExists(asAdmin().contentType(ContentType.JSON).body(Map.of("login", login, "password", password))
                .post("/sandbox/tenants/{t}/users", tenant), "loginExists");
        return tokenFor(login, password);
    }

    private static void createUnlessExists(Response answer, String existsCode) {
        if (answer.statusCode() != 200) {
            answer.then().statusCode(400).body("code", equalTo(existsCode));
        }
    }

    /** A well-formed individual customer id that no customer has. */
    public static String unknownCustomerId() {
        return "cstap_" + randomBase62(22);
    }

    /** A well-formed document slot id that no slot has. */
    public static String unknownDocumentId() {
        return "doc_" + randomBase62(22);
    }

    /** A well-formed separate document id that no document has. */
    public static String unknownSeparateDocumentId() {
        return "sdoc_" + randomBase62(22);
    }

    private static String randomBase62(int length) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return out.toString();
    }

    public static String uniqueReference() {
        return "ref" + SEQUENCE.incrementAndGet() + ThreadLocalRandom.current().nextInt(1_000_000);
    }

    public static String randomSsn() {
        return String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
    }

    public static Map<String, Object> individual(String reference, String lastName, String ssn) {
        return Map.of("customerReference", reference, "customerType", "individual",
                "customer", Map.of("firstName", "Jessie", "lastName", lastName, "dateOfBirth", "1990-04-01",
                        "email", "jessie@example.com", "gender", "F", "citizenshipCountryCodeA3", "USA",
                        "identificationDocuments", List.of(Map.of("type", "SSN", "value", ssn))));
    }

    public static ValidatableResponse initCustomer(String token, Map<String, Object> body) {
        return as(token).contentType(ContentType.JSON).body(body).post("/customer/init").then();
    }

    /**
     * A new individual customer of the token's tenant, last name {@value #WAIT_REVIEW}: its KYC
     * stays IN_REVIEW until an admin decides. Returns its id.
     */
    public static String newCustomer(String token) {
        return newCustomer(token, WAIT_REVIEW);
    }

    /** A new individual customer with {@code lastName}, which chooses the outcome rule; returns its id. */
    public static String newCustomer(String token, String lastName) {
        return initCustomer(token, individual(uniqueReference(), lastName, randomSsn()))
                .statusCode(200).extract().path("data.customerId");
    }

    public static ValidatableResponse initKyc(String token, String customerId) {
        return as(token).contentType(ContentType.JSON).body(Map.of("customerId", customerId))
                .post("/customer/kyc/init").then();
    }

    /** Starts KYC for the customer; returns the slot ids, LICENSE FRONT first. */
    public static List<String> kycSlots(String token, String customerId) {
        return initKyc(token, customerId).statusCode(200).extract().path("data.kycDocumentList.id");
    }

    public static ValidatableResponse kycStatus(String token, String customerId) {
        return as(token).get("/customer/kyc/status/{c}", customerId).then();
    }

    public static ValidatableResponse addCardAttributes(String token, String customerId) {
        return as(token).contentType(ContentType.JSON)
                .body(Map.of("customerId", customerId, "additionalAttributes", Map.of("cardAttributes",
                        Map.of("productID", "Virtual_Debit_Card", "nameOnCard", "JESSIE TESTMAN", "designId", "1",
                                "addressType", "PRIMARY", "issueType", "NEW", "additionalData", Map.of()))))
                .post("/customer/kyc/add-attributes").then();
    }

    public static ValidatableResponse upload(String token, String customerId, String documentId, byte[] content) {
        return uploadRaw(token, customerId, documentId, content).then();
    }

    public static Response uploadRaw(String token, String customerId, String documentId, byte[] content) {
        return uploadFile(token, customerId, documentId, "license.png", content, "image/png");
    }

    /** An upload whose part carries the given client file name and part Content-Type. */
    public static Response uploadFile(String token, String customerId, String documentId, String fileName,
            byte[] content, String partContentType) {
        return as(token).multiPart("file", fileName, content, partContentType)
                .post("/customer/kyc/upload/{c}/{d}", customerId, documentId);
    }

    /** Fills every slot and the attributes: the session moves to IN_REVIEW. Returns the slot ids. */
    public static List<String> readyForReview(String token, String customerId) {
        List<String> slots = kycSlots(token, customerId);
        for (int i = 0; i < slots.size(); i++) {
            upload(token, customerId, slots.get(i), Documents.png(i + 2)).statusCode(200);
        }
        addCardAttributes(token, customerId).statusCode(200).body("data.kyc.status", equalTo("IN_REVIEW"));
        return slots;
    }

    public static ValidatableResponse generateDocument(String token) {
        return as(token).post("/document/generate").then();
    }

    /** A new separate document of the token's tenant, with no file yet; returns its id. */
    public static String newSeparateDocument(String token) {
        return generateDocument(token).statusCode(200).extract().path("data.id");
    }

    /** Uploads {@code content} as the separate document's file, under a name and type that say nothing. */
    public static ValidatableResponse uploadSeparate(String token, String documentId, byte[] content) {
        return as(token).multiPart("file", "document.bin", content, "application/octet-stream")
                .post("/document/upload/{d}", documentId).then();
    }

    /** A new separate document of the token's tenant holding {@code content}; returns its id. */
    public static String separateDocumentWith(String token, byte[] content) {
        String documentId = newSeparateDocument(token);
        uploadSeparate(token, documentId, content).statusCode(200);
        return documentId;
    }

    public static ValidatableResponse linkDocument(String token, String customerId, String documentId,
            String separateDocumentId) {
        return as(token).contentType(ContentType.JSON)
                .body(Map.of("customerId", customerId, "documentId", documentId, "separateDocumentId", separateDocumentId))
                .post("/customer/kyc/document-link").then();
    }

    /**
     * Polls the KYC status until it is {@code expected}, for at most {@link #DECISION_TIMEOUT};
     * fails with the last status seen otherwise. Returns the response that showed it.
     */
    public static ValidatableResponse awaitKycStatus(String token, String customerId, String expected) {
        Instant deadline = Instant.now().plus(DECISION_TIMEOUT);
        String seen;
        do {
            ValidatableResponse response = kycStatus(token, customerId).statusCode(200);
            seen = response.extract().path("data.kyc.status");
            if (expected.equals(seen)) {
                return response;
            }
            pause();
        } while (Instant.now().isBefore(deadline));
        return fail("KYC of " + customerId + " still " + seen + ", not " + expected + ", after " + DECISION_TIMEOUT);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static ValidatableResponse decide(String customerId, String status) {
        return asAdmin().contentType(ContentType.JSON).body(Map.of("status", status))
                .post("/sandbox/customers/{c}/kyc/decision", customerId).then();
    }

    /** {@code POST /sandbox/tenants} with {@code body}. */
    public static ValidatableResponse createTenant(Map<String, ?> body) {
        return asAdmin().contentType(ContentType.JSON).body(body).post("/sandbox/tenants").then();
    }

    /** A new tenant with a fresh id, in {@code kycMode} (null: the configured default); returns its id. */
    public static String newTenant(String kycMode) {
        String tenantId = "tnt-" + uniqueReference();
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("tenantId", tenantId);
        body.put("kycMode", kycMode);
        createTenant(body).statusCode(200);
        return tenantId;
    }

    /** {@code POST /sandbox/tenants/{tenantId}/users}. */
    public static ValidatableResponse createUser(String tenantId, String login, String password) {
        return asAdmin().contentType(ContentType.JSON).body(Map.of("login", login, "password", password))
                .post("/sandbox/tenants/{t}/users", tenantId).then();
    }

    /** A user of {@code tenantId} made through the admin API; returns a token of it. */
    public static String tokenOfNewUser(String tenantId) {
        String login = "u" + uniqueReference();
        createUser(tenantId, login, "pw-" + login).statusCode(200);
        return tokenFor(login, "pw-" + login);
    }

    public static ValidatableResponse kycSessions(String tenantId) {
        return asAdmin().get("/sandbox/tenants/{t}/kyc-sessions", tenantId).then();
    }

    public static Response content(String documentId) {
        return asAdmin().get("/sandbox/documents/{d}/content", documentId);
    }

    /** Checks the error envelope: status, code, a 32-hex requestId echoed in {@code x-request-id}. */
    public static ValidatableResponse assertError(ValidatableResponse response, int status, String code) {
        Response r = response.extract().response();
        String requestId = r.path("requestId");
        assertAll(
                () -> assertEquals(status, r.statusCode(), r.asString()),
                () -> assertEquals(code, r.path("code"), r.asString()),
                () -> assertNotNull(r.path("message"), r.asString()),
                () -> assertTrue(requestId != null && requestId.matches("^[0-9a-f]{32}$"), r.asString()),
                () -> assertEquals(requestId, r.header("x-request-id")),
                () -> assertFalse(r.asString().contains("\tat "), "stack trace in body"));
        return response;
    }

    /**
     * Checks a {@code requestValidateError} envelope whose {@code context} lists AJV-style failures,
     * each with {@code instancePath}, {@code keyword}, {@code params} and {@code message}, and
     * returns the one at {@code instancePath} with {@code keyword} (failing when there is none).
     */
    public static Map<String, Object> assertValidationFailure(ValidatableResponse response, String instancePath,
            String keyword) {
        assertError(response, 400, "requestValidateError");
        String body = response.extract().asString();
        List<Map<String, Object>> failures = response.extract().path("context");
        assertNotNull(failures, body);
        assertFalse(failures.isEmpty(), body);
        for (Map<String, Object> failure : failures) {
            assertTrue(failure.keySet().containsAll(List.of("instancePath", "keyword", "params", "message")), body);
            assertTrue(failure.get("params") instanceof Map<?, ?>, body);
            assertTrue(failure.get("message") instanceof String, body);
        }
        return failures.stream()
                .filter(f -> instancePath.equals(f.get("instancePath")) && keyword.equals(f.get("keyword")))
                .findFirst()
                .orElseGet(() -> fail("no failure at '" + instancePath + "' with keyword '" + keyword + "' in " + body));
    }

    /** As {@link #assertValidationFailure}, for the {@code required} failure naming {@code property} as missing. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> assertRequired(ValidatableResponse response, String instancePath, String property) {
        assertValidationFailure(response, instancePath, "required");
        String body = response.extract().asString();
        List<Map<String, Object>> failures = response.extract().path("context");
        return failures.stream()
                .filter(f -> instancePath.equals(f.get("instancePath")) && "required".equals(f.get("keyword"))
                        && property.equals(((Map<String, Object>) f.get("params")).get("missingProperty")))
                .findFirst()
                .orElseGet(() -> fail("no 'required' failure for '" + property + "' at '" + instancePath + "' in " + body));
    }
}
