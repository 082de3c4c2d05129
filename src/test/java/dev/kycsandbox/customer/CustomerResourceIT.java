package dev.kycsandbox.customer;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link CustomerApiTests} against the packaged application (the jar, or the native executable with {@code -Dnative}): registration, status and validation. */
@QuarkusIntegrationTest
class CustomerResourceIT extends CustomerApiTests {
}
