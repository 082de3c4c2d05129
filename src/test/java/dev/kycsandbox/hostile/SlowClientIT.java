package dev.kycsandbox.hostile;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** {@link SlowClientTest} against the packaged application (the jar, or the native executable with {@code -Dnative}): slow clients are cut off. */
@QuarkusIntegrationTest
@TestProfile(HostileProfile.class)
class SlowClientIT extends SlowClientTest {
}
