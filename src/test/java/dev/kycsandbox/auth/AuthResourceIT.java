package dev.kycsandbox.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link AuthApiTests} against the packaged application (the jar, or the native executable with {@code -Dnative}): login and token checks. */
@QuarkusIntegrationTest
class AuthResourceIT extends AuthApiTests {
}
