package dev.kycsandbox.tenant;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link TenantIsolationMatrixTest} against the packaged application (the jar, or the native executable with {@code -Dnative}): another tenant's ids leak nothing. */
@QuarkusIntegrationTest
class TenantIsolationMatrixIT extends TenantIsolationMatrixTest {
}
