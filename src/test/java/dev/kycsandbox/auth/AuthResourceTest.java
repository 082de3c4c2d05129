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
class AuthResourceTest extends AuthApiTests {

    @Inject
    AuthService auth;

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

    @Test
    void shouldHashPasswordsWithTheConfiguredBcryptCost() {
        // the test profile sets sandbox.auth.password-hash-cost=4: the bootstrap user was stored with it
        assertEquals(1, countRows("select count(*) from sandbox_user where login = 'sandbox' and password_hash like ?1",
                "$2_$04$%"));
        login("sandbox", "sandbox").statusCode(200);
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
