package dev.kycsandbox.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.kycsandbox.support.Documents;
import dev.kycsandbox.support.Eventually;

/**
 * The database dies under the sandbox (SIGKILL of the postmaster of an external PostgreSQL) and
 * comes back on the same port: meanwhile the sandbox is unready and answers 503
 * {@code serviceUnavailable} in the envelope, quickly (no request hangs, never a 500), and it
 * recovers by itself, with no restart, once the database is back.
 */
class DatabaseOutageIT {

    @RegisterExtension
    static final SandboxWorkDir WORK = new SandboxWorkDir("database-outage-it");
    private static final Path WORK_DIR = WORK.path();
    /** A request during the outage is answered within this (the pool's acquisition and login timeouts are 5 s). */
    private static final Duration FAIL_FAST = Duration.ofSeconds(12);
    private static final Duration RECOVERY = Duration.ofSeconds(60);

    @Test
    void shouldAnswer503WhileTheDatabaseIsDownAndRecoverByItself() throws Exception {
        try (ExternalPostgres postgres = ExternalPostgres.start(WORK_DIR.resolve("postgres"));
                SandboxProcess sandbox = SandboxProcess.start(WORK_DIR, "sandbox", postgres.sandboxEnvironment())) {
            SandboxClient client = new SandboxClient(sandbox);
            SandboxClient.Customer customer = client.newCustomerInKyc("outage1");
            assertEquals(200, client.upload(customer.id(), customer.slots().get(0), Documents.png(61)).statusCode());
            assertEquals(200, client.readiness().statusCode());

            postgres.kill();

            HttpResponse<byte[]> unready = Eventually.await(RECOVERY, () -> call(client::readiness),
                    r -> r.statusCode() == 503, "readiness DOWN while the database is down");
            assertTrue(new String(unready.body(), StandardCharsets.UTF_8).contains("\"DOWN\""));
            for (Callable<HttpResponse<byte[]>> request : List.<Callable<HttpResponse<byte[]>>> of(
                    () -> client.upload(customer.id(), customer.slots().get(1), Documents.png(62)),
                    () -> client.status(customer.id()),
                    () -> client.decide(customer.id(), "APPROVED"),
                    () -> client.content(customer.slots().get(0)))) {
                long started = System.nanoTime();
                HttpResponse<byte[]> answer = request.call();
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertServiceUnavailable(answer);
                assertTrue(took.compareTo(FAIL_FAST) < 0, answer.uri() + " took " + took);
            }

            postgres.restart();

            Eventually.await(RECOVERY, () -> call(client::readiness), r -> r.statusCode() == 200,
                    "readiness UP once the database is back");
            HttpResponse<byte[]> upload = Eventually.await(RECOVERY,
                    () -> call(() -> client.upload(customer.id(), customer.slots().get(1), Documents.png(63))),
                    r -> r.statusCode() == 200, "uploads accepted again");
            assertEquals("WAITING_DATA", SandboxClient.json(upload).path("data").path("kyc").path("status").asText());
            assertEquals(Documents.sha256(Documents.png(61)),
                    client.content(customer.slots().get(0)).headers().firstValue("x-content-sha256").orElseThrow());
            try (Connection database = postgres.connect()) {
                StoredFiles.assertEveryRowHasItsWholeFile(database, WORK_DIR.resolve("data/storage"));
            }
            String log = sandbox.output();
            assertFalse(log.contains("Unexpected failure"), "a database outage is not logged as a bug");
        }
    }

    private static void assertServiceUnavailable(HttpResponse<byte[]> answer) {
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        assertEquals(503, answer.statusCode(), answer.uri() + ": " + text);
        JsonNode body = SandboxClient.json(answer);
        assertEquals("serviceUnavailable", body.path("code").asText(), text);
        assertTrue(body.path("requestId").asText().matches("^[0-9a-f]{32}$"), text);
        assertFalse(text.contains("\tat ") || text.contains("Exception"), "no stack trace or exception: " + text);
    }

    private static HttpResponse<byte[]> call(Callable<HttpResponse<byte[]>> request) {
        try {
            return request.call();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
