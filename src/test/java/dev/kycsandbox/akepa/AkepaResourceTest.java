package dev.kycsandbox.akepa;

import io.quarkus.test.junit.QuarkusTest;

/** {@link AkepaApiTests} in the JVM, against the application under test. */
@QuarkusTest
class AkepaResourceTest extends AkepaApiTests {
}
