package dev.kycsandbox.kyc;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link KycUploadApiTests} against the packaged application (the jar, or the native executable with {@code -Dnative}): the legacy upload's happy path and its refusal after a decision. */
@QuarkusIntegrationTest
class KycUploadIT extends KycUploadApiTests {
}
