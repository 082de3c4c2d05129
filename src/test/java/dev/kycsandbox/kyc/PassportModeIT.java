package dev.kycsandbox.kyc;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link PassportModeTest} against the packaged application (the jar, or the native executable with {@code -Dnative}): the passportCondor mode. */
@QuarkusIntegrationTest
class PassportModeIT extends PassportModeTest {
}
