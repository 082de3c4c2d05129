package dev.kycsandbox.storage;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link HealthTest} against the packaged application (the jar, or the native executable with {@code -Dnative}): liveness and readiness. */
@QuarkusIntegrationTest
class HealthIT extends HealthTest {
}
