package dev.kycsandbox.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link HttpLayerTest} against the packaged application (the jar, or the native executable with {@code -Dnative}): the HTTP-layer errors in the envelope. */
@QuarkusIntegrationTest
class HttpLayerIT extends HttpLayerTest {
}
