package dev.kycsandbox.support;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;

/**
 * The JDK's HTTP client against the test server, for what RestAssured does poorly: large bodies
 * (it sends them an order of magnitude slower), bodies streamed without Content-Length, and many
 * requests at once from several threads. Loopback only: the address is RestAssured's test one.
 */
public final class RawHttp {

    public static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private RawHttp() {
    }

    /** How the body travels: with a Content-Length, or streamed in chunks without one. */
    public enum Framing {
        CONTENT_LENGTH, CHUNKED
    }

    /** A multipart/form-data body and the Content-Type that names its boundary. */
    public record Multipart(String contentType, byte[] body) {

        /** {@code content} as the single part {@code file}. */
        public static Multipart singleFile(byte[] content) {
            String boundary = "kycsandbox" + UUID.randomUUID().toString().replace("-", "");
            ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 256);
            body.writeBytes(("--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"file\"; filename=\"license.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(content);
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            return new Multipart("multipart/form-data; boundary=" + boundary, body.toByteArray());
        }
    }

    /** A legacy upload of {@code content} as the single part {@code file}. */
    public static HttpResponse<byte[]> upload(String token, String customerId, String documentId, byte[] content,
            Framing framing) throws IOException, InterruptedException {
        Multipart multipart = Multipart.singleFile(content);
        byte[] bytes = multipart.body();
        HttpRequest.BodyPublisher publisher = framing == Framing.CHUNKED
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                : HttpRequest.BodyPublishers.ofByteArray(bytes);
        return CLIENT.send(request("/customer/kyc/upload/" + customerId + "/" + documentId)
                .header(Api.TOKEN_HEADER, token)
                .header("Content-Type", multipart.contentType())
                .POST(publisher).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The admin decision on the customer's open KYC session. */
    public static HttpResponse<byte[]> decide(String customerId, String status) throws IOException, InterruptedException {
        return CLIENT.send(request("/sandbox/customers/" + customerId + "/kyc/decision")
                .header(Api.ADMIN_HEADER, Api.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"" + status + "\"}")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The stored bytes of a document, through the admin API. */
    public static HttpResponse<byte[]> content(String documentId) throws IOException, InterruptedException {
        return CLIENT.send(request("/sandbox/documents/" + documentId + "/content")
                .header(Api.ADMIN_HEADER, Api.ADMIN_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The body as JSON, or {@code null} when it is not JSON. */
    public static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            return null;
        }
    }

    /** The same checks as {@link Api#assertError}: status, code, message, a 32-hex requestId echoed in {@code x-request-id}. */
    public static JsonNode assertError(HttpResponse<byte[]> response, int status, String code) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        JsonNode body = json(response);
        assertNotNull(body, "not a JSON envelope: status " + response.statusCode() + " body '" + text + "'");
        String requestId = body.path("requestId").asText(null);
        assertAll(
                () -> assertEquals(status, response.statusCode(), text),
                () -> assertEquals(code, body.path("code").asText(null), text),
                () -> assertNotNull(body.path("message").asText(null), text),
                () -> assertTrue(requestId != null && requestId.matches("^[0-9a-f]{32}$"), text),
                () -> assertEquals(requestId, response.headers().firstValue("x-request-id").orElse(null)),
                () -> assertFalse(text.contains("\tat "), "stack trace in body"));
        return body;
    }

    /**
     * Whether {@code e} means the server closed the connection while the request body was still
     * being sent (a server may answer early, e.g. 413, and close): broken pipe, connection reset,
     * or a response that never came.
     */
    public static boolean isConnectionClosedWhileSending(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketException || t instanceof EOFException
                    || t.getClass().getName().equals("org.apache.http.NoHttpResponseException")) {
                return true;
            }
            String message = t.getMessage();
            if (t instanceof IOException && message != null && (message.contains("Broken pipe")
                    || message.contains("Connection reset") || message.contains("closed"))) {
                return true;
            }
        }
        return false;
    }

    private static HttpRequest.Builder request(String path) {
        URI server = URI.create(RestAssured.baseURI + ":" + RestAssured.port);
        if (!"localhost".equals(server.getHost()) && !server.getHost().startsWith("127.")) {
            throw new IllegalStateException("not a loopback test server: " + server);
        }
        return HttpRequest.newBuilder(server.resolve(path)).timeout(TIMEOUT);
    }
}
