package dev.kycsandbox.sandbox;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link SandboxResourceTest} against the packaged application (the jar, or the native executable with {@code -Dnative}): the admin API's KYC decisions and document downloads. */
@QuarkusIntegrationTest
class SandboxResourceIT extends SandboxResourceTest {
}
