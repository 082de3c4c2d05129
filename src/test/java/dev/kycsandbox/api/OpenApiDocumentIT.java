package dev.kycsandbox.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link OpenApiDocumentTest} against the packaged application (the jar, or the native executable with {@code -Dnative}): the OpenAPI document it serves is the checked-in one. */
@QuarkusIntegrationTest
class OpenApiDocumentIT extends OpenApiDocumentTest {
}
