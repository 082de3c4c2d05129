package dev.kycsandbox.sandbox;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link TenantsResourceTest} against the packaged application (the jar, or the native executable with {@code -Dnative}): the admin API's tenants, users, KYC sessions and resets. */
@QuarkusIntegrationTest
class TenantsResourceIT extends TenantsResourceTest {
}
