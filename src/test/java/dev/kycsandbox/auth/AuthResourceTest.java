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

@QuarkusTest
class AuthResourceTest {

    @Inject
    AuthService auth;

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

    @Test
    void shouldRefuseExpiredToken() {
        String token = login("sandbox", "sandbox").statusCode(200).extract().path("data.token");
        expire(token);
        assertError(as(token).get("/customer/status/cstap_x").then(), 401, "unauthorized");
    }

    @Test
    void shouldStoreTokensAndPasswordsOnlyAsHashes() {
        String token = login("sandbox", "sandbox").statusCode(200).extract().path("data.token");
        assertEquals(0, countRows("select count(*) from access_token where token_hash = ?1", token));
        assertEquals(1, countRows("select count(*) from access_token where token_hash = ?1", AuthService.hash(token)));
        assertEquals(0, countRows("select count(*) from sandbox_user where password_hash = ?1", "sandbox"));
        assertEquals(1, countRows("select count(*) from sandbox_user where login = 'sandbox' and password_hash like ?1",
                "$2%"));
    }

    @Transactional
    void expire(String token) {
        AccessToken row = AccessToken.findById(AuthService.hash(token));
        row.expiresAt = Instant.now().minusSeconds(1);
    }

    @Transactional
    long countRows(String sql, String parameter) {
        return ((Number) AccessToken.getEntityManager().createNativeQuery(sql).setParameter(1, parameter)
                .getSingleResult()).longValue();
    }
}
