package dev.kycsandbox.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link MetricsTest} against the packaged application (the jar, or the native executable with {@code -Dnative}): the sandbox's own metrics. */
@QuarkusIntegrationTest
class MetricsIT extends MetricsTest {
}
