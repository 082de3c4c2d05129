package dev.kycsandbox.durability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kycsandbox.support.Documents;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * SIGTERM while an upload is still streaming in: the upload finishes with its 200 and is there
 * after a restart; a request that arrives meanwhile is refused in the connectFi envelope.
 */
class GracefulShutdownIT {

    @RegisterExtension
    static final SandboxWorkDir WORK = new SandboxWorkDir("shutdown-it");
    private static final Path WORK_DIR = WORK.path();
    private static final int SIZE = 5 * 1024 * 1024;
    private static final int CHUNK = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldFinishTheUploadInProgressAndRefuseNewRequests() throws Exception {
        byte[] content = Documents.pngOfSize(SIZE);
        String customerId;
        String slotId;

        SandboxProcess first = SandboxProcess.start(WORK_DIR, "first");
        String token = first.token();
        customerId = first.api().header("x-connectfi-token", token).contentType(ContentType.JSON)
                .body(Map.of("customerReference", "graceful1", "customerType", "individual",
                        "customer", Map.of("firstName", "Greta", "lastName", "Graceful")))
                .post("/customer/init").then().statusCode(200).extract().path("data.customerId");
        List<String> slots = first.api().header("x-connectfi-token", token).contentType(ContentType.JSON)
                .body(Map.of("customerId", customerId))
                .post("/customer/kyc/init").then().statusCode(200).extract().path("data.kycDocumentList.id");
        slotId = slots.get(0);

        CompletableFuture<Void> stopping;
        String uploadResponse;
        try (Socket socket = new Socket("127.0.0.1", first.port())) {
            socket.setSoTimeout(60_000);
            String boundary = "gracefulshutdownboundary";
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"front.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /customer/kyc/upload/" + customerId + "/" + slotId + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + first.port() + "\r\n"
                    + "x-connectfi-token: " + token + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n"
                    + "Content-Length: " + (head.length + content.length + tail.length) + "\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(head);
            out.write(content, 0, CHUNK);
            out.flush();
            Thread.sleep(1000); // the request is in progress: headers read, body streaming

            stopping = CompletableFuture.runAsync(() -> {
                try {
                    first.stop(); // SIGTERM, then waits for the process to end
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread.sleep(1500);

            assertNewRequestRefused(first.port(), token, customerId);

            for (int offset = CHUNK; offset < content.length; offset += CHUNK) {
                out.write(content, offset, Math.min(CHUNK, content.length - offset));
                out.flush();
                Thread.sleep(100); // ~2 s more of streaming after the SIGTERM
            }
            out.write(tail);
            out.flush();
            uploadResponse = readAll(socket.getInputStream());
        }
        assertTrue(uploadResponse.startsWith("HTTP/1.1 200"), uploadResponse);
        assertTrue(uploadResponse.contains("\"code\":\"0\""), uploadResponse);

        stopping.get(90, TimeUnit.SECONDS);
        if (SandboxProcess.EMBEDDED_DATABASE) {
            assertFalse(Files.exists(WORK_DIR.resolve("data/postgres/postmaster.pid")),
                    "a graceful stop also stops the embedded PostgreSQL");
        }

        try (SandboxProcess second = SandboxProcess.start(WORK_DIR, "second")) {
            Response stored = second.api().header("x-sandbox-admin-token", SandboxProcess.ADMIN_TOKEN)
                    .get("/sandbox/documents/{d}/content", slotId);
            assertEquals(200, stored.statusCode(), stored.asString());
            assertEquals(Documents.sha256(content), stored.header("x-content-sha256"));
            assertArrayEquals(content, stored.asByteArray());
        }
    }

    private static void assertNewRequestRefused(int port, String token, String customerId) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/customer/kyc/status/" + customerId))
                .header("x-connectfi-token", token).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(503, refused.statusCode(), refused.body());
        JsonNode body = JSON.readTree(refused.body());
        assertEquals("serviceUnavailable", body.path("code").asText(), refused.body());
        assertEquals("Service is shutting down", body.path("message").asText(), refused.body());
        assertTrue(body.path("requestId").asText().matches("[0-9a-f]{32}"), refused.body());
        assertEquals(body.path("requestId").asText(), refused.headers().firstValue("x-request-id").orElse(null));
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        in.transferTo(response);
        return response.toString(StandardCharsets.UTF_8);
    }
}
