package dev.kycsandbox.webhook;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link WebhookDeliveryTest} against the packaged application (the jar, or the native executable with {@code -Dnative}): webhooks delivered to a real HTTP server, signed, retried and given up. */
@QuarkusIntegrationTest
class WebhookDeliveryIT extends WebhookDeliveryTest {
}
