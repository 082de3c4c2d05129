package dev.kycsandbox.customer;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link BusinessCustomerTest} against the packaged application (the jar, or the native executable with {@code -Dnative}): business customers and their representatives. */
@QuarkusIntegrationTest
class BusinessCustomerIT extends BusinessCustomerTest {
}
