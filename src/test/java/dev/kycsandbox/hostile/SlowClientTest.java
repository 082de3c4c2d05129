package dev.kycsandbox.hostile;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kycsandbox.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * Slow clients cannot hold the server: one that goes silent is disconnected after the idle
 * timeout, one that trickles its body after the body timeout, and others are served meanwhile.
 * The profile shortens both timeouts to seconds.
 */
@QuarkusTest
@TestProfile(HostileProfile.class)
class SlowClientTest {

    private static final Duration MARGIN = Duration.ofSeconds(5);

    @Test
    void shouldDisconnectClientThatStopsInItsHeaders() throws Exception {
        assertStalledClientDisconnected("POST /customer/init HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: appl",
                HostileProfile.IDLE_TIMEOUT_SECONDS);
    }

    @Test
    void shouldDisconnectClientThatStopsInItsBody() throws Exception {
        assertStalledClientDisconnected("POST /customer/init HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + Api.TOKEN_HEADER + ": " + Api.token() + "\r\nContent-Length: 500\r\n\r\n{\"customerRef",
                HostileProfile.BODY_TIMEOUT_SECONDS);
    }

    /** Sends the start of a request and nothing more: others are served meanwhile, and it is cut off in time. */
    private static void assertStalledClientDisconnected(String requestStart, long timeoutSeconds) throws Exception {
        try (Socket stalled = open()) {
            long start = System.nanoTime();
            write(stalled, requestStart);
            assertServedMeanwhile();
            assertClosedBy(stalled, Duration.ofSeconds(timeoutSeconds).plus(MARGIN), start);
        }
    }

    @Test
    void shouldCutOffClientTricklingItsBodyWithRequestTimeout() throws Exception {
        try (Socket trickling = open()) {
            long start = System.nanoTime();
            write(trickling, "POST /auth/get-token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"user\":{\"login\":\"");
            StringBuilder answer = new StringBuilder();
            // a byte every 300 ms: never idle, but 1000 bytes would take five minutes
            long limit = start + Duration.ofSeconds(HostileProfile.BODY_TIMEOUT_SECONDS).plus(MARGIN).toNanos();
            while (System.nanoTime() < limit && answer.isEmpty()) {
                try {
                    write(trickling, "a");
                } catch (IOException closed) {
                    break;
                }
                Thread.sleep(300);
                answer.append(availableText(trickling));
            }
            answer.append(readToEnd(trickling));
            assertTrue(System.nanoTime() < limit + MARGIN.toNanos(), "still connected after " + Duration.ofNanos(System.nanoTime() - start));
            String text = answer.toString();
            assertTrue(text.startsWith("HTTP/1.1 408"), text);
            JsonNode body = new ObjectMapper().readTree(text.substring(text.indexOf("\r\n\r\n") + 4));
            assertEquals("requestTimeout", body.path("code").asText(), text);
            assertTrue(text.toLowerCase().contains("x-request-id: " + body.path("requestId").asText()), text);
            assertServedMeanwhile();
        }
    }

    @Test
    void shouldServeOthersWhileManyClientsStall() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket socket = open();
                stalled.add(socket);
                write(socket, "POST /document/upload/sdoc_x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data;"
                        + " boundary=b\r\nContent-Length: 100000\r\n\r\n--b\r\n");
            }
            for (int i = 0; i < 5; i++) {
                assertServedMeanwhile();
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    private static void assertServedMeanwhile() {
        long start = System.nanoTime();
        given().get("/q/health/ready").then().statusCode(200);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5_000, "a normal request waited behind slow clients");
    }

    private static void assertClosedBy(Socket socket, Duration bound, long start) throws IOException {
        socket.setSoTimeout((int) bound.toMillis());
        try {
            readToEnd(socket);
        } catch (java.net.SocketTimeoutException stillOpen) {
            throw new AssertionError("slow client still connected after " + bound);
        }
        assertTrue(System.nanoTime() - start < bound.toNanos(), "closed only after " + Duration.ofNanos(System.nanoTime() - start));
    }

    private static Socket open() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5_000);
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String availableText(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        int available = in.available();
        return available == 0 ? "" : new String(in.readNBytes(available), StandardCharsets.UTF_8);
    }

    /** Everything until the server closes the connection (a reset counts as closed). */
    private static String readToEnd(Socket socket) throws IOException {
        try {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (SocketException reset) {
            return "";
        }
    }
}
