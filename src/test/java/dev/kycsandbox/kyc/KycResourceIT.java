package dev.kycsandbox.kyc;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link KycResourceTest} against the packaged application (the jar, or the native executable with {@code -Dnative}): the KYC session from init to status. */
@QuarkusIntegrationTest
class KycResourceIT extends KycResourceTest {
}
