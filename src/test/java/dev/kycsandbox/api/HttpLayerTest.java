package dev.kycsandbox.api;

import static dev.kycsandbox.support.Api.as;
import static dev.kycsandbox.support.Api.asAdmin;
import static dev.kycsandbox.support.Api.assertError;
import static dev.kycsandbox.support.Api.individual;
import static dev.kycsandbox.support.Api.login;
import static dev.kycsandbox.support.Api.randomSsn;
import static dev.kycsandbox.support.Api.token;
import static dev.kycsandbox.support.Api.uniqueReference;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.kycsandbox.support.Api;
import dev.kycsandbox.support.Documents;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class HttpLayerTest {

    /** {@code sandbox.storage.max-file-size} (10M) plus the 64 KiB multipart allowance. */
    private static final long BODY_LIMIT = 10L * 1024 * 1024 + 64 * 1024;
    private static final String REQUEST_ID = "^[0-9a-f]{32}$";

    @TestHTTPResource("/")
    URI base;

    @Test
    void shouldAnswerUnknownRouteWithNotFoundEnvelope() {
        assertError(given().get("/no/such/route").then(), 404, "notFound").contentType(ContentType.JSON);
        assertError(as(token()).get("/customer/no-such-endpoint").then(), 404, "notFound");
        assertError(as(token()).contentType(ContentType.JSON).body("{}").post("/customer/kyc/nothing").then(), 404,
                "notFound");
        assertError(given().get("/").then(), 404, "notFound");
    }

    @Test
    void shouldAnswerWrongMethodWithMethodNotAllowedEnvelope() {
        assertError(as(token()).get("/customer/init").then(), 405, "methodNotAllowed").contentType(ContentType.JSON);
        assertError(given().get("/auth/get-token").then(), 405, "methodNotAllowed");
        assertError(as(token()).contentType(ContentType.JSON).body("{}")
                .post("/customer/status/{id}", Api.unknownCustomerId()).then(), 405, "methodNotAllowed");
        assertError(asAdmin().delete("/sandbox/customers/{c}/kyc/decision", Api.unknownCustomerId()).then(), 405,
                "methodNotAllowed");
    }

    @Test
    void shouldAnswerJsonEndpointCalledWithPlainTextAsBadRequest() {
        String json = "{\"user\":{\"login\":\"sandbox\",\"password\":\"sandbox\"}}";
        assertError(given().contentType(ContentType.TEXT).body(json).post("/auth/get-token").then(), 400, "badRequest");
        assertError(as(token()).contentType(ContentType.TEXT).body("{}").post("/customer/init").then(), 400,
                "badRequest");
        assertError(as(token()).contentType("application/xml").body("<customer/>").post("/customer/kyc/init").then(),
                400, "badRequest");
    }

    @Test
    void shouldStampEveryResponseWithItsOwnRequestId() {
        String customerId = Api.newCustomer(token());
        List<Response> responses = new ArrayList<>();
        responses.add(login("sandbox", "sandbox").statusCode(200).extract().response());
        responses.add(login("sandbox", "sandbox").statusCode(200).extract().response());
        responses.add(as(token()).get("/customer/status/{id}", customerId).then().statusCode(200).extract().response());
        responses.add(as(token()).get("/customer/status/{id}", customerId).then().statusCode(200).extract().response());
        responses.add(login("sandbox", "wrong").statusCode(401).extract().response());
        responses.add(given().get("/customer/status/{id}", customerId).then().statusCode(401).extract().response());
        responses.add(as(token()).get("/customer/status/{id}", Api.unknownCustomerId()).then().statusCode(400)
                .extract().response());
        responses.add(as(token()).contentType(ContentType.JSON).body(Map.of()).post("/customer/init").then()
                .statusCode(400).extract().response());
        responses.add(as(token()).contentType(ContentType.JSON).body("{").post("/customer/init").then()
                .statusCode(400).extract().response());
        responses.add(given().get("/no/such/route").then().statusCode(404).extract().response());
        responses.add(given().get("/auth/get-token").then().statusCode(405).extract().response());
        responses.add(given().get("/sandbox/documents/{d}/content", Api.unknownDocumentId()).then().statusCode(401)
                .extract().response());

        Set<String> seen = new HashSet<>();
        for (Response response : responses) {
            String header = response.header("x-request-id");
            String body = response.asString();
            assertTrue(header != null && header.matches(REQUEST_ID), "x-request-id " + header + " for " + body);
            assertEquals(header, response.path("requestId"), body);
            assertTrue(seen.add(header), "request id reused: " + header);
        }
        assertEquals(responses.size(), seen.size());
    }

    @Test
    void shouldStampRequestIdOnDocumentDownloadsToo() {
        String customerId = Api.newCustomer(token());
        String slot = Api.kycSlots(token(), customerId).get(0);
        Api.upload(token(), customerId, slot, Documents.png(31)).statusCode(200);
        String first = Api.content(slot).then().statusCode(200).extract().header("x-request-id");
        String second = Api.content(slot).then().statusCode(200).extract().header("x-request-id");
        assertTrue(first != null && first.matches(REQUEST_ID), first);
        assertTrue(second != null && second.matches(REQUEST_ID), second);
        assertTrue(!first.equals(second), "a new id for every request");
    }

    @Test
    void shouldRefuseJsonBodyOverTheSizeLimit() {
        String reference = uniqueReference();
        byte[] body = oversizedInitBody(reference);
        assertTrue(body.length > BODY_LIMIT);
        try {
            ValidatableResponse response = as(token()).contentType(ContentType.JSON).body(body)
                    .post("/customer/init").then();
            assertError(response, 413, "payloadTooLarge").contentType(ContentType.JSON)
                    .body("message", equalTo("The request body exceeds the limit of " + BODY_LIMIT + " bytes"));
        } catch (Exception e) {
            // the server may answer and close while the client is still sending
            if (!hasCause(e, SocketException.class)) {
                throw e;
            }
        }
        // nothing was registered, and the server still serves the next request
        Api.initCustomer(token(), individual(reference, "After", randomSsn())).statusCode(200);
    }

    @Test
    void shouldAcceptLargeJsonBodyWithinTheSizeLimit() {
        // padding inside a free-form field that the validation does not cap
        String reference = uniqueReference();
        String prefix = "{\"customerReference\":\"" + reference + "\",\"customerType\":\"individual\","
                + "\"customer\":{\"firstName\":\"Big\",\"lastName\":\"Body\",\"phones\":[{\"note\":\"";
        String suffix = "\"}]}}";
        int padding = (int) (1024 * 1024 - prefix.length() - suffix.length());
        String body = prefix + "x".repeat(padding) + suffix;
        as(token()).contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8)).post("/customer/init")
                .then().statusCode(200).body("data.reference", equalTo(reference));
    }

    /** Java's HttpClient upgrades to HTTP/2 (h2c) after its first request; a GET must still get its answer. */
    @Test
    void shouldAnswerGetRequestsOverHttp2LikeOverHttp1() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        URI status = URI.create("http://localhost:" + RestAssured.port + "/customer/status/"
                + Api.unknownCustomerId());
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(status).header(Api.TOKEN_HEADER, "nope")
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, response.statusCode(), response.version() + " " + response.body());
            assertTrue(response.body().contains("\"code\":\"unauthorized\""), response.body());
        }
    }

    @Test
    void shouldRefuseARequestLineWithAnUnknownProtocolAsBadRequest() throws IOException {
        // the same answer from the jar and the native executable, whose HTTP stacks differ here
        RawResponse response = exchange("POST /customer/init HTTJ/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\n" + Api.TOKEN_HEADER + ": " + token() + "\r\n"
                + "Content-Length: 2\r\n\r\n{}", null);
        assertEquals(400, response.status(), response.toString());
        assertEnvelope(response, "badRequest");
    }

    @Test
    void shouldNeverAnswerAnUndecodableChunkSizeAsServerError() throws IOException {
        // the HTTP decoder fails inside the body, after the routes began: the client's mistake.
        // Vert.x closes the connection on it; an answer that gets out first is a 400
        RawResponse response;
        try {
            response = exchange("POST /customer/init HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\n" + Api.TOKEN_HEADER + ": " + token() + "\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", null);
        } catch (EOFException closedUnanswered) {
            response = null;
        }
        if (response != null) {
            assertEquals(400, response.status(), response.toString());
            assertEnvelope(response, "badRequest");
        }
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void shouldRefuseDeclaredOversizeBodyBeforeItIsSent() throws IOException {
        // Expect: 100-continue: the client waits, so the answer is deterministic and no byte of the body travels
        RawResponse response = exchange("POST /customer/init HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\n" + Api.TOKEN_HEADER + ": " + token() + "\r\n"
                + "Content-Length: 11000000\r\nExpect: 100-continue\r\n\r\n", null);
        assertEquals(413, response.status(), response.toString());
        assertEquals("close", response.headers().get("connection"), response.toString());
        assertTrue(response.headers().get("content-type").startsWith("application/json"), response.toString());
        assertEnvelope(response, "payloadTooLarge");
    }

    @Test
    void shouldRefuseDeclaredOversizeBodyWithoutToken() throws IOException {
        // the size is refused before anything else, authentication included
        RawResponse response = exchange("POST /customer/init HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + (BODY_LIMIT + 1)
                + "\r\nExpect: 100-continue\r\n\r\n", null);
        assertEquals(413, response.status(), response.toString());
        assertEnvelope(response, "payloadTooLarge");
    }

    @Test
    void shouldRefuseChunkedJsonBodyOverTheSizeLimit() throws IOException {
        // no Content-Length: the limit is only found while the body streams in
        RawResponse response = exchange("POST /customer/init HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\n" + Api.TOKEN_HEADER + ": " + token() + "\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n", chunked(oversizedInitBody(uniqueReference())));
        if (response == null) {
            return; // the server closed while the client was still sending
        }
        assertEquals(413, response.status(), response.toString());
        assertEquals("close", response.headers().get("connection"), response.toString());
    }

    @Test
    void shouldAnswerChunkedJsonBodyOverTheSizeLimitWithEnvelope() throws IOException {
        RawResponse response = exchange("POST /customer/init HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\n" + Api.TOKEN_HEADER + ": " + token() + "\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n", chunked(oversizedInitBody(uniqueReference())));
        if (response != null) {
            assertEquals(413, response.status(), response.toString());
            assertEnvelope(response, "payloadTooLarge");
        }
    }

    /** A syntactically valid init body of about 11 MB, padded inside a string value. */
    private static byte[] oversizedInitBody(String reference) {
        String prefix = "{\"customerReference\":\"" + reference + "\",\"customerType\":\"individual\","
                + "\"customer\":{\"firstName\":\"Big\",\"lastName\":\"Body\",\"phones\":[{\"note\":\"";
        String suffix = "\"}]}}";
        return (prefix + "x".repeat(11_000_000) + suffix).getBytes(StandardCharsets.UTF_8);
    }

    private record RawResponse(int status, Map<String, String> headers, String body) {
    }

    private static void assertEnvelope(RawResponse response, String code) {
        JsonPath json = JsonPath.from(response.body());
        assertEquals(code, json.getString("code"), response.toString());
        assertTrue(json.getString("message") != null, response.toString());
        String requestId = json.getString("requestId");
        assertTrue(requestId != null && requestId.matches(REQUEST_ID), response.toString());
        assertEquals(requestId, response.headers().get("x-request-id"), response.toString());
    }

    /**
     * One request on a raw socket, for what an HTTP client library hides (Expect, chunking). The
     * body, if any, is sent after the head; returns null when the server closed the connection
     * before any response could be read.
     */
    private RawResponse exchange(String head, byte[] body) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            IOException writeFailure = null;
            if (body != null) {
                try {
                    out.write(body);
                    out.flush();
                } catch (SocketException e) {
                    writeFailure = e; // the server answered and closed early; its answer may still be readable
                }
            }
            try {
                return readResponse(new BufferedInputStream(socket.getInputStream()));
            } catch (SocketException | EOFException e) {
                if (body != null && (writeFailure != null || e instanceof SocketException)) {
                    return null;
                }
                throw e;
            }
        }
    }

    private static RawResponse readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside the response head: " + head);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] content = in.readNBytes(length);
        return new RawResponse(status, headers, new String(content, StandardCharsets.UTF_8));
    }

    private static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 4096);
        int chunk = 64 * 1024;
        for (int offset = 0; offset < body.length; offset += chunk) {
            int length = Math.min(chunk, body.length - offset);
            out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, offset, length);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
