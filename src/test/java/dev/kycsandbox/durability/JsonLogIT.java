package dev.kycsandbox.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged sandbox with {@code QUARKUS_LOG_CONSOLE_JSON_ENABLED=true}: one JSON object per line,
 * and the access-log line of a request carries its {@code requestId} as a field of its own.
 */
class JsonLogIT {

    @RegisterExtension
    static final SandboxWorkDir WORK = new SandboxWorkDir("json-log-it");
    private static final Path WORK_DIR = WORK.path();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldWriteJsonLinesWithTheRequestIdOfEachRequest() throws Exception {
        try (SandboxProcess sandbox = SandboxProcess.start(WORK_DIR, "json",
                Map.of("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true"))) {
            String requestId = sandbox.api().get("/no/such/route").then().statusCode(404)
                    .extract().header("x-request-id");

            JsonNode access = awaitAccessLine(sandbox, requestId);
            assertEquals("dev.kycsandbox.access", access.path("loggerName").asText());
            assertEquals(requestId, access.path("mdc").path("requestId").asText(), access.toString());
            assertTrue(access.path("message").asText().startsWith("GET /no/such/route 404 "), access.toString());

            String startedLine = sandbox.output().lines().filter(line -> line.contains("Listening on")).findFirst()
                    .orElseThrow(() -> new AssertionError("no start-up line"));
            assertEquals("io.quarkus", JSON.readTree(startedLine).path("loggerName").asText(), startedLine);
        }
    }

    private static JsonNode awaitAccessLine(SandboxProcess sandbox, String requestId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            Optional<String> line = sandbox.output().lines()
                    .filter(l -> l.contains("dev.kycsandbox.access") && l.contains(requestId)).findFirst();
            if (line.isPresent()) {
                return JSON.readTree(line.get());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no JSON access-log line for " + requestId + " in:\n" + sandbox.output());
            }
            Thread.sleep(100);
        }
    }
}
