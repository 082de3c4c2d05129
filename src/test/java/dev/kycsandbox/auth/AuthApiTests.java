package dev.kycsandbox.auth;

import static dev.kycsandbox.support.Api.as;
import static dev.kycsandbox.support.Api.assertError;
import static dev.kycsandbox.support.Api.login;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.time.Instant;
import java.util.Map;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.Test;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The HTTP-only tests of {@link AuthResourceTest}: run in the JVM by it, and against the packaged jar by {@code AuthResourceIT}. */
abstract class AuthApiTests {

    @Test
    void shouldIssueTokenWithExpiryForBootstrapUser() {
        String expireAt = login("sandbox", "sandbox").statusCode(200)
                .body("code", equalTo("0"))
                .body("data.token", matchesPattern("^[0-9A-Za-z]{43}$"))
                .body("data.dtsExpireAt", matchesPattern("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$"))
                .body("requestId", matchesPattern("^[0-9a-f]{32}$"))
                .extract().path("data.dtsExpireAt");
        Instant expiry = Instant.parse(expireAt);
        assertTrue(expiry.isAfter(Instant.now().plusSeconds(23 * 3600)), "default lifetime is 24 h");
    }

    @Test
    void shouldRefuseWrongPasswordAndUnknownLoginAlike() {
        assertError(login("sandbox", "wrong"), 401, "unauthorized").body("message", equalTo("Authentication error"));
        assertError(login("nobody", "sandbox"), 401, "unauthorized").body("message", equalTo("Authentication error"));
    }

    @Test
    void shouldRejectMalformedLoginBodyAsValidationError() {
        assertError(given().contentType(ContentType.JSON).body(Map.of("user", Map.of("login", "sandbox")))
                .post("/auth/get-token").then(), 400, "requestValidateError")
                .body("context[0].instancePath", equalTo("/user"))
                .body("context[0].keyword", equalTo("required"))
                .body("context[0].params.missingProperty", equalTo("password"));
    }

    @Test
    void shouldRefuseMissingTokenOnConnectFiEndpoints() {
        assertError(given().get("/customer/status/cstap_x").then(), 401, "unauthorized");
    }

    @Test
    void shouldRefuseUnknownToken() {
        assertError(as("not-a-token").get("/customer/status/cstap_x").then(), 401, "unauthorized");
    }
}
