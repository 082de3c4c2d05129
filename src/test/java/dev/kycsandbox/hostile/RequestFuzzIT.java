package dev.kycsandbox.hostile;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** {@link RequestFuzzTest} against the packaged application (the jar, or the native executable with {@code -Dnative}): mutated requests never get a 5xx nor persist anything. */
@QuarkusIntegrationTest
@TestProfile(HostileProfile.class)
class RequestFuzzIT extends RequestFuzzTest {
}
