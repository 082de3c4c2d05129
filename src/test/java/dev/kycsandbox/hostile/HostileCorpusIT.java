package dev.kycsandbox.hostile;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** {@link HostileCorpusTest} against the packaged application (the jar, or the native executable with {@code -Dnative}): every request of the hostile corpus refused cleanly. */
@QuarkusIntegrationTest
@TestProfile(HostileProfile.class)
class HostileCorpusIT extends HostileCorpusTest {
}
