package dev.kycsandbox.durability;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.kycsandbox.support.Documents;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The packaged sandbox, end to end: started with no configuration (the jar on its embedded
 * default; the native executable on the test's PostgreSQL, which outlives it), it keeps what it
 * acknowledged across a crash (SIGKILL) and a graceful restart.
 */
class RestartDurabilityIT {

    @RegisterExtension
    static final SandboxWorkDir WORK = new SandboxWorkDir("restart-it");
    private static final Path WORK_DIR = WORK.path();

    @Test
    void shouldKeepAcknowledgedDocumentsAcrossCrashAndRestart() throws Exception {
        byte[] front = Documents.png(11);
        byte[] back = Documents.png(12);
        String customerId;
        List<String> slots;

        SandboxProcess first = SandboxProcess.start(WORK_DIR, "first");
        try {
            if (SandboxProcess.EMBEDDED_DATABASE) {
                assertDurableSettings(first.databasePort());
            }
            String token = first.token();
            customerId = first.api().header("x-connectfi-token", token).contentType(ContentType.JSON)
                    .body(Map.of("customerReference", "durable1", "customerType", "individual",
                            "customer", Map.of("firstName", "Dora", "lastName", "Durable")))
                    .post("/customer/init").then().statusCode(200).extract().path("data.customerId");
            slots = first.api().header("x-connectfi-token", token).contentType(ContentType.JSON)
                    .body(Map.of("customerId", customerId))
                    .post("/customer/kyc/init").then().statusCode(200).extract().path("data.kycDocumentList.id");
            upload(first, token, customerId, slots.get(0), front);
        } finally {
            first.kill(); // acknowledged, then the process dies without any shutdown
        }

        try (SandboxProcess second = SandboxProcess.start(WORK_DIR, "second")) {
            assertStored(second, slots.get(0), front);
            String token = second.token();
            second.api().header("x-connectfi-token", token).get("/customer/kyc/status/{c}", customerId).then()
                    .statusCode(200)
                    .body("data.kycDocumentList[0].uploadStatus", equalTo(true))
                    .body("data.kycDocumentList[0].extension", equalTo("png"))
                    .body("data.kycDocumentList[1].uploadStatus", equalTo(false));
            upload(second, token, customerId, slots.get(1), back);
            second.stop();
        }
        if (SandboxProcess.EMBEDDED_DATABASE) {
            assertFalse(Files.exists(WORK_DIR.resolve("data/postgres/postmaster.pid")),
                    "a graceful stop also stops the embedded PostgreSQL");
        }

        try (SandboxProcess third = SandboxProcess.start(WORK_DIR, "third")) {
            assertStored(third, slots.get(0), front);
            assertStored(third, slots.get(1), back);
            try (var incoming = Files.list(WORK_DIR.resolve("data/storage/incoming"))) {
                assertEquals(0, incoming.count(), "no spooled upload survives");
            }
        }
    }

    private static void upload(SandboxProcess sandbox, String token, String customerId, String slotId, byte[] content) {
        sandbox.api().header("x-connectfi-token", token).multiPart("file", "scan.png", content, "image/png")
                .post("/customer/kyc/upload/{c}/{d}", customerId, slotId).then().statusCode(200);
    }

    private static void assertStored(SandboxProcess sandbox, String slotId, byte[] expected) {
        Response content = sandbox.api().header("x-sandbox-admin-token", SandboxProcess.ADMIN_TOKEN)
                .get("/sandbox/documents/{d}/content", slotId);
        assertEquals(200, content.statusCode(), content.asString());
        assertEquals(Documents.sha256(expected), content.header("x-content-sha256"));
        assertArrayEquals(expected, content.asByteArray());
    }

    /** In embedded mode a 200 must mean durable: PostgreSQL runs with fsync and synchronous commit on. */
    private static void assertDurableSettings(int port) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "postgres", "postgres"); Statement statement = connection.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet rs = statement.executeQuery("show " + setting)) {
                    rs.next();
                    assertEquals("on", rs.getString(1), setting);
                }
            }
        }
    }
}
