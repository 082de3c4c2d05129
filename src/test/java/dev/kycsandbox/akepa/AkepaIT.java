package dev.kycsandbox.akepa;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link AkepaApiTests} against the packaged application (the jar, or the native executable with {@code -Dnative}): both journeys and every error row. */
@QuarkusIntegrationTest
class AkepaIT extends AkepaApiTests {
}
