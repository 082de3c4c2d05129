package dev.kycsandbox.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link DeprecatedEndpointsTest} against the packaged application (the jar, or the native executable with {@code -Dnative}): the Deprecation and Link headers. */
@QuarkusIntegrationTest
class DeprecatedEndpointsIT extends DeprecatedEndpointsTest {
}
