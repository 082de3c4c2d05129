package dev.kycsandbox.auth;

import static dev.kycsandbox.support.Api.as;
import static dev.kycsandbox.support.Api.assertError;
import static dev.kycsandbox.support.Api.login;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.kycsandbox.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Failed logins are limited per login and per client address; tokens expire after their
 * configured lifetime. Every request here comes from the same address, so the test that uses up
 * the address's failures runs last.
 */
@QuarkusTest
@TestProfile(LoginThrottleTest.SmallLimits.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoginThrottleTest {

    /** Long enough for a few bcrypt checks on a busy machine (6 s was not, in a CI run at load 16). */
    private static final Duration WINDOW = Duration.ofSeconds(20);
    private static final int PER_ADDRESS = 8;

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sandbox.auth.login-attempts.per-login", "3",
                    "sandbox.auth.login-attempts.per-address", Integer.toString(PER_ADDRESS),
                    "sandbox.auth.login-attempts.window", WINDOW.toSeconds() + "s",
                    "sandbox.auth.token-lifetime", "2s");
        }
    }

    @Test
    @Order(1)
    void shouldRefuseEvenTheRightPasswordOnceALoginFailedTooOften() {
        String login = newUser("right-password");
        for (int i = 0; i < 3; i++) {
            assertError(login(login, "wrong-" + i), 401, "unauthorized");
        }
        assertError(login(login, "right-password"), 429, "tooManyRequests")
                .body("message", equalTo("Too many failed login attempts. Try again later"));
    }

    @Test
    @Order(2)
    void shouldKeepOtherLoginsUsableWhileOneIsThrottled() {
        String guessed = newUser("secret-one");
        String other = newUser("secret-two");
        for (int i = 0; i < 3; i++) {
            assertError(login(guessed, "wrong-" + i), 401, "unauthorized");
        }
        assertError(login(guessed, "secret-one"), 429, "tooManyRequests");
        login(other, "secret-two").statusCode(200);
    }

    @Test
    @Order(4)
    void shouldRefuseAnAddressGuessingAcrossManyLoginsUntilTheWindowHasPassed() throws InterruptedException {
        String victim = newUser("victim-password");
        Thread.sleep(WINDOW.toMillis() + 100); // a fresh window, opened by this test's first failure
        int refusedAfter = 0;
        while (login("nobody-" + UUID.randomUUID().toString().substring(0, 8), "guess").extract().statusCode() == 401) {
            refusedAfter++;
            if (refusedAfter > PER_ADDRESS) {
                throw new AssertionError("still 401 after " + refusedAfter + " failures from one address");
            }
        }
        assertError(login("nobody-at-all", "guess"), 429, "tooManyRequests");
        assertError(login(victim, "victim-password"), 429, "tooManyRequests");
        Thread.sleep(WINDOW.toMillis() + 100);
        login(victim, "victim-password").statusCode(200);
    }

    @Test
    @Order(3)
    void shouldRefuseTokenOnceItsConfiguredLifetimeHasPassed() throws InterruptedException {
        String login = newUser("short-lived");
        JsonPath issued = login(login, "short-lived").statusCode(200).extract().jsonPath();
        String token = issued.getString("data.token");
        String expiresAt = issued.getString("data.dtsExpireAt");
        as(token).get("/customer/status/{id}", Api.unknownCustomerId()).then().statusCode(400);
        Duration left = Duration.between(Instant.now(), Instant.parse(expiresAt));
        Thread.sleep(Math.max(0, left.toMillis()) + 500);
        assertError(as(token).get("/customer/status/{id}", Api.unknownCustomerId()).then(), 401, "unauthorized");
    }

    private static String newUser(String password) {
        String login = "throttle-" + UUID.randomUUID().toString().substring(0, 8);
        Api.createUser("sandbox", login, password).statusCode(200);
        return login;
    }
}
