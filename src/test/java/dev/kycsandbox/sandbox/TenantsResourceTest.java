package dev.kycsandbox.sandbox;

import static dev.kycsandbox.support.Api.ADMIN_HEADER;
import static dev.kycsandbox.support.Api.addCardAttributes;
import static dev.kycsandbox.support.Api.as;
import static dev.kycsandbox.support.Api.asAdmin;
import static dev.kycsandbox.support.Api.assertError;
import static dev.kycsandbox.support.Api.assertRequired;
import static dev.kycsandbox.support.Api.assertValidationFailure;
import static dev.kycsandbox.support.Api.content;
import static dev.kycsandbox.support.Api.createTenant;
import static dev.kycsandbox.support.Api.createUser;
import static dev.kycsandbox.support.Api.individual;
import static dev.kycsandbox.support.Api.initCustomer;
import static dev.kycsandbox.support.Api.kycSessions;
import static dev.kycsandbox.support.Api.kycSlots;
import static dev.kycsandbox.support.Api.kycStatus;
import static dev.kycsandbox.support.Api.login;
import static dev.kycsandbox.support.Api.newCustomer;
import static dev.kycsandbox.support.Api.newTenant;
import static dev.kycsandbox.support.Api.randomSsn;
import static dev.kycsandbox.support.Api.readyForReview;
import static dev.kycsandbox.support.Api.token;
import static dev.kycsandbox.support.Api.tokenOfNewUser;
import static dev.kycsandbox.support.Api.uniqueReference;
import static dev.kycsandbox.support.Api.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.kycsandbox.support.Api;
import dev.kycsandbox.support.Documents;
import dev.kycsandbox.support.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class TenantsResourceTest {

    private static final String TIMESTAMP = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$";

    @Test
    void shouldCreateTenantAndServeItWithoutItsWebhookSecret() {
        String tenantId = "Team_a-" + uniqueReference();
        createTenant(Map.of("tenantId", tenantId)).statusCode(200)
                .body("code", equalTo("0"))
                .body("requestId", matchesPattern("^[0-9a-f]{32}$"))
                .body("data.tenantId", equalTo(tenantId))
                .body("data", hasKey("kycMode"))
                .body("data.kycMode", nullValue())
                .body("data.effectiveKycMode", equalTo("licenseUSACondor"))
                .body("data.users", empty())
                .body("data.createdAt", matchesPattern(TIMESTAMP))
                .body("data", not(hasKey("webhookSecret")));

        asAdmin().get("/sandbox/tenants/{t}", tenantId).then().statusCode(200)
                .body("data.tenantId", equalTo(tenantId))
                .body("data.kycMode", nullValue())
                .body("data", not(hasKey("webhookSecret")));
        String passport = newTenant("passportCondor");
        asAdmin().get("/sandbox/tenants/{t}", passport).then().statusCode(200)
                .body("data.kycMode", equalTo("passportCondor"))
                .body("data.effectiveKycMode", equalTo("passportCondor"));

        List<Map<String, Object>> tenants = asAdmin().get("/sandbox/tenants").then().statusCode(200)
                .body("data.tenants.tenantId", hasItem(tenantId))
                .body("data.tenants.tenantId", hasItem(passport))
                .extract().path("data.tenants");
        Map<String, Object> bootstrap = tenants.stream().filter(t -> t.get("tenantId").equals("sandbox")).findFirst()
                .orElseThrow();
        assertTrue(((List<?>) bootstrap.get("users")).contains("sandbox"), bootstrap.toString());
        tenants.forEach(t -> assertFalse(t.containsKey("webhookSecret"), t.toString()));
        List<String> ids = tenants.stream().map(t -> (String) t.get("tenantId")).toList();
        assertEquals(ids.stream().sorted().toList(), ids, "listed by id");
    }

    @Test
    void shouldRefuseMalformedTenantIdsAndUnknownModes() {
        for (String id : List.of("", "with space", "dots.not.allowed", "slash/no", "t".repeat(37), "ümlaut")) {
            assertValidationFailure(createTenant(Map.of("tenantId", id)), "/tenantId", "pattern");
        }
        createTenant(Map.of("tenantId", ("t-" + uniqueReference() + "_".repeat(36)).substring(0, 36))).statusCode(200);
        assertRequired(createTenant(Map.of()), "", "tenantId");
        Map<String, Object> failure = assertValidationFailure(
                createTenant(Map.of("tenantId", "tm-" + uniqueReference(), "kycMode", "selfieCondor")), "/kycMode", "pattern");
        assertEquals("^(licenseUSACondor|passportCondor)$", ((Map<?, ?>) failure.get("params")).get("pattern"));
    }

    @Test
    void shouldRefuseTenantThatExists() {
        String tenantId = newTenant(null);
        assertError(createTenant(Map.of("tenantId", tenantId, "kycMode", "passportCondor")), 400, "tenantExists");
        assertError(createTenant(Map.of("tenantId", "sandbox")), 400, "tenantExists");
        asAdmin().get("/sandbox/tenants/{t}", tenantId).then().statusCode(200).body("data.kycMode", nullValue());
    }

    @Test
    void shouldAnswerTenantNotFoundForUnknownTenant() {
        String unknown = "no-such-" + uniqueReference();
        notFound(asAdmin().get("/sandbox/tenants/{t}", unknown).then(), "tenantNotFound");
        notFound(setMode(unknown, "passportCondor"), "tenantNotFound");
        notFound(createUser(unknown, "u" + uniqueReference(), "pw"), "tenantNotFound");
        notFound(asAdmin().delete("/sandbox/tenants/{t}/users/{l}", unknown, "sandbox").then(), "tenantNotFound");
        notFound(kycSessions(unknown), "tenantNotFound");
        notFound(asAdmin().post("/sandbox/tenants/{t}/reset", unknown).then(), "tenantNotFound");
    }

    @Test
    void shouldSetAndClearTheKycMode() {
        String tenantId = newTenant(null);
        setMode(tenantId, "passportCondor").statusCode(200)
                .body("data.tenantId", equalTo(tenantId))
                .body("data.kycMode", equalTo("passportCondor"))
                .body("data.effectiveKycMode", equalTo("passportCondor"));
        assertValidationFailure(setMode(tenantId, "PASSPORT"), "/kycMode", "pattern");
        asAdmin().get("/sandbox/tenants/{t}", tenantId).then().body("data.kycMode", equalTo("passportCondor"));
        setMode(tenantId, null).statusCode(200)
                .body("data.kycMode", nullValue())
                .body("data.effectiveKycMode", equalTo("licenseUSACondor"));
    }

    @Test
    void shouldCreateUserWhoseTokensActInItsTenant() {
        String tenantId = newTenant(null);
        String login = "login-" + uniqueReference();
        createUser(tenantId, login, "s3cret pass").statusCode(200)
                .body("data.userId", matchesPattern("^usr_[0-9A-Za-z]{22}$"))
                .body("data.login", equalTo(login))
                .body("data.tenantId", equalTo(tenantId))
                .body("data.createdAt", matchesPattern(TIMESTAMP))
                .body("data", not(hasKey("password")))
                .body("data", not(hasKey("passwordHash")));
        asAdmin().get("/sandbox/tenants/{t}", tenantId).then().body("data.users", contains(login));

        String token = login(login, "s3cret pass").statusCode(200).extract().path("data.token");
        String customerId = newCustomer(token);
        kycSlots(token, customerId);
        kycSessions(tenantId).statusCode(200).body("data.sessions.customerId", contains(customerId));
        // another tenant's ids are unknown to it, both ways
        assertError(as(token()).get("/customer/status/{c}", customerId).then(), 400, "customerNotFound");
    }

    @Test
    void shouldRefuseLoginThatExistsInAnyTenant() {
        String first = newTenant(null);
        String second = newTenant(null);
        String login = "dup-" + uniqueReference();
        createUser(first, login, "one").statusCode(200);
        assertError(createUser(second, login, "two"), 400, "loginExists").body("message", equalTo("Login already exists."));
        assertError(createUser(first, login, "three"), 400, "loginExists");
        assertError(createUser(second, "sandbox", "sandbox"), 400, "loginExists");
        login(login, "one").statusCode(200);
        assertError(login(login, "two"), 401, "unauthorized");
        asAdmin().get("/sandbox/tenants/{t}", second).then().body("data.users", empty());
    }

    @Test
    void shouldRefuseUserWithoutLoginOrPassword() {
        String tenantId = newTenant(null);
        ValidatableResponse missing = asAdmin().contentType(ContentType.JSON).body(Map.of())
                .post("/sandbox/tenants/{t}/users", tenantId).then();
        assertRequired(missing, "", "login");
        assertRequired(missing, "", "password");
        assertValidationFailure(createUser(tenantId, "l".repeat(37), "pw"), "/login", "maxLength");
        assertValidationFailure(createUser(tenantId, "someone", "p".repeat(51)), "/password", "maxLength");
        asAdmin().get("/sandbox/tenants/{t}", tenantId).then().body("data.users", empty());
    }

    @Test
    void shouldDeleteUserAndItsTokens() {
        String tenantId = newTenant(null);
        String login = "gone-" + uniqueReference();
        createUser(tenantId, login, "pw").statusCode(200);
        String token = login(login, "pw").statusCode(200).extract().path("data.token");
        String customerId = newCustomer(token);

        notFound(asAdmin().delete("/sandbox/tenants/{t}/users/{l}", "sandbox", login).then(), "userNotFound");
        asAdmin().delete("/sandbox/tenants/{t}/users/{l}", tenantId, login).then().statusCode(200)
                .body("data.tenantId", equalTo(tenantId))
                .body("data.login", equalTo(login));
        assertError(as(token).get("/customer/status/{c}", customerId).then(), 401, "unauthorized");
        assertError(login(login, "pw"), 401, "unauthorized");
        notFound(asAdmin().delete("/sandbox/tenants/{t}/users/{l}", tenantId, login).then(), "userNotFound");
        asAdmin().get("/sandbox/tenants/{t}", tenantId).then().body("data.users", empty());

        // the tenant's data stays, and a new user of the tenant sees it
        String other = tokenOfNewUser(tenantId);
        as(other).get("/customer/status/{c}", customerId).then().statusCode(200);
    }

    @Test
    void shouldListTheTenantsKycSessionsNewestFirst() {
        String tenantId = newTenant(null);
        String token = tokenOfNewUser(tenantId);
        String noSession = newCustomer(token);
        String partial = newCustomer(token);
        List<String> partialSlots = kycSlots(token, partial);
        upload(token, partial, partialSlots.get(1), Documents.png(81)).statusCode(200);
        String inReview = newCustomer(token);
        readyForReview(token, inReview);

        List<Map<String, Object>> sessions = kycSessions(tenantId).statusCode(200)
                .body("code", equalTo("0"))
                .body("data.tenantId", equalTo(tenantId))
                .extract().path("data.sessions");
        assertEquals(List.of(inReview, partial), sessions.stream().map(s -> s.get("customerId")).toList(),
                "newest first, customers without KYC not listed (" + noSession + ")");
        Map<String, Object> review = sessions.get(0);
        assertTrue(((String) review.get("sessionId")).matches("^kyc_[0-9A-Za-z]{22}$"), review.toString());
        assertEquals("IN_REVIEW", review.get("status"));
        assertEquals("licenseUSACondor", review.get("mode"));
        assertEquals(2, review.get("slots"));
        assertEquals(2, review.get("slotsFilled"));
        assertEquals(null, review.get("decisionDueAt"), "WaitReview: no automatic decision pending");
        Map<String, Object> waiting = sessions.get(1);
        assertEquals("WAITING_DATA", waiting.get("status"));
        assertEquals(2, waiting.get("slots"));
        assertEquals(1, waiting.get("slotsFilled"));
        for (Map<String, Object> session : sessions) {
            assertTrue(((String) session.get("createdAt")).matches(TIMESTAMP), session.toString());
            assertTrue(((String) session.get("updatedAt")).matches(TIMESTAMP), session.toString());
            assertFalse(Instant.parse((String) session.get("updatedAt")).isBefore(Instant.parse((String) session.get("createdAt"))));
        }
        kycSessions(tenantId).statusCode(200);
        asAdmin().queryParam("limit", 1).get("/sandbox/tenants/{t}/kyc-sessions", tenantId).then().statusCode(200)
                .body("data.sessions.customerId", contains(inReview));
        assertError(asAdmin().queryParam("limit", 0).get("/sandbox/tenants/{t}/kyc-sessions", tenantId).then(), 400,
                "requestValidateError");
        kycSessions(newTenant(null)).statusCode(200).body("data.sessions", empty());
    }

    @Test
    void shouldResetTheTenantsRowsAndFilesOnly() {
        String tenantId = newTenant("passportCondor");
        String login = "reset-" + uniqueReference();
        createUser(tenantId, login, "pw").statusCode(200);
        String token = login(login, "pw").statusCode(200).extract().path("data.token");
        String reference = uniqueReference();
        String ssn = randomSsn();
        String reviewed = initCustomer(token, individual(reference, Api.WAIT_REVIEW, ssn)).statusCode(200)
                .extract().path("data.customerId");
        String passport = kycSlots(token, reviewed).get(0);
        byte[] reviewedFile = Documents.pngOfSize(3000);
        byte[] replaced = Documents.pngOfSize(3001);
        upload(token, reviewed, passport, replaced).statusCode(200);
        upload(token, reviewed, passport, reviewedFile).statusCode(200);
        addCardAttributes(token, reviewed).statusCode(200).body("data.kyc.status", equalTo("IN_REVIEW"));
        String waiting = newCustomer(token);
        String waitingSlot = kycSlots(token, waiting).get(0);
        byte[] waitingFile = Documents.pngOfSize(3002);
        upload(token, waiting, waitingSlot, waitingFile).statusCode(200);

        // a neighbour tenant, which must not notice
        String neighbour = tokenOfNewUser(newTenant(null));
        String theirs = newCustomer(neighbour);
        String theirSlot = kycSlots(neighbour, theirs).get(0);
        byte[] theirFile = Documents.pngOfSize(3003);
        upload(neighbour, theirs, theirSlot, theirFile).statusCode(200);

        assertEquals(1, filesHolding(reviewedFile));
        assertEquals(1, filesHolding(waitingFile));
        assertEquals(0, filesHolding(replaced), "a superseded file is gone already");

        asAdmin().post("/sandbox/tenants/{t}/reset", tenantId).then().statusCode(200)
                .body("data.tenantId", equalTo(tenantId))
                .body("data.deletedFiles", equalTo(2));

        assertEquals(0, filesHolding(reviewedFile), "the tenant's files are deleted from disk");
        assertEquals(0, filesHolding(waitingFile));
        assertError(as(token).get("/customer/status/{c}", reviewed).then(), 400, "customerNotFound");
        assertError(kycStatus(token, waiting), 400, "customerNotFound");
        notFound(content(passport).then(), "documentNotFound");
        kycSessions(tenantId).statusCode(200).body("data.sessions", empty());

        // the neighbour is untouched
        assertEquals(1, filesHolding(theirFile));
        kycStatus(neighbour, theirs).statusCode(200).body("data.kycDocumentList[0].uploadStatus", equalTo(true));
        content(theirSlot).then().statusCode(200).header(SandboxResource.SHA256_HEADER, equalTo(Documents.sha256(theirFile)));

        // the tenant, its settings and its users keep working: the old token, a new login, the same reference and SSN
        asAdmin().get("/sandbox/tenants/{t}", tenantId).then().statusCode(200)
                .body("data.kycMode", equalTo("passportCondor"))
                .body("data.users", contains(login));
        String again = initCustomer(token, individual(reference, Api.WAIT_REVIEW, ssn)).statusCode(200)
                .extract().path("data.customerId");
        String newToken = login(login, "pw").statusCode(200).extract().path("data.token");
        as(newToken).contentType(ContentType.JSON).body(Map.of("customerId", again)).post("/customer/kyc/init").then()
                .statusCode(200).body("data.kyc.mode", equalTo("passportCondor"));
        kycSessions(tenantId).statusCode(200).body("data.sessions.customerId", contains(again));
    }

    @Test
    void shouldResetATenantWithoutData() {
        String tenantId = newTenant(null);
        asAdmin().post("/sandbox/tenants/{t}/reset", tenantId).then().statusCode(200)
                .body("data.deletedFiles", equalTo(0));
        asAdmin().post("/sandbox/tenants/{t}/reset", tenantId).then().statusCode(200);
    }

    @Test
    void shouldRequireTheAdminTokenForEveryTenantCall() {
        String tenantId = newTenant(null);
        for (RequestSpecification request : List.of(given(), given().header(ADMIN_HEADER, "wrong"),
                given().header(Api.TOKEN_HEADER, token()))) {
            unauthorized(request.get("/sandbox/tenants").then());
        }
        unauthorized(given().contentType(ContentType.JSON).body(Map.of("tenantId", "x" + uniqueReference()))
                .post("/sandbox/tenants").then());
        unauthorized(given().get("/sandbox/tenants/{t}", tenantId).then());
        unauthorized(given().contentType(ContentType.JSON).body(Map.of("kycMode", "passportCondor"))
                .put("/sandbox/tenants/{t}/kyc-mode", tenantId).then());
        unauthorized(given().contentType(ContentType.JSON).body(Map.of("login", "x" + uniqueReference(), "password", "p"))
                .post("/sandbox/tenants/{t}/users", tenantId).then());
        unauthorized(given().delete("/sandbox/tenants/{t}/users/{l}", "sandbox", "sandbox").then());
        unauthorized(given().get("/sandbox/tenants/{t}/kyc-sessions", tenantId).then());
        unauthorized(given().header(Api.TOKEN_HEADER, token()).post("/sandbox/tenants/{t}/reset", "sandbox").then());
        asAdmin().get("/sandbox/tenants/{t}", tenantId).then().statusCode(200)
                .body("data.kycMode", nullValue()).body("data.users", empty());
        login("sandbox", "sandbox").statusCode(200);
    }

    /** How many stored blobs hold exactly {@code content}. */
    private long filesHolding(byte[] content) {
        String sha256 = Documents.sha256(content);
        try (Stream<Path> files = Files.walk(PostgresTestResource.STORAGE.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).filter(f -> Documents.sha256(read(f)).equals(sha256)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ValidatableResponse setMode(String tenantId, String mode) {
        Map<String, Object> body = new HashMap<>();
        body.put("kycMode", mode);
        return asAdmin().contentType(ContentType.JSON).body(body).put("/sandbox/tenants/{t}/kyc-mode", tenantId).then();
    }

    private static void notFound(ValidatableResponse response, String code) {
        assertError(response, 404, code);
    }

    private static void unauthorized(ValidatableResponse response) {
        assertError(response, 401, "unauthorized").body("message", equalTo("Authentication error"));
    }
}
