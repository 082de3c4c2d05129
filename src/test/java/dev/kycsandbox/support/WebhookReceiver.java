package dev.kycsandbox.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 (a free port) standing in for an integrator's webhook endpoint.
 * Each test takes its own path ({@link #newHook()}); every request is recorded, and the answers
 * of a path can be scripted (a status, or a delay before answering) — 200 otherwise.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received. Header names are lower-cased. */
    public record Received(String method, String path, Map<String, String> headers, byte[] body, Instant at) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return method + " " + path + " " + headers + " " + text();
        }
    }

    private record Answer(int status, Duration delay) {
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final AtomicInteger hooks = new AtomicInteger();
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final Map<String, Deque<Answer>> scripted = new ConcurrentHashMap<>();
    private final Map<String, Integer> otherwise = new ConcurrentHashMap<>();

    private WebhookReceiver(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService threads = Executors.newCachedThreadPool(); // a delayed answer must not hold the others
            WebhookReceiver receiver = new WebhookReceiver(server, threads);
            server.createContext("/", receiver::handle);
            server.setExecutor(threads);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh path of this receiver, answered 200 unless scripted otherwise. */
    public String newHook() {
        return "/hooks/" + hooks.incrementAndGet();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests to {@code path} get these statuses, one each; later ones the default. */
    public WebhookReceiver thenAnswer(String path, int... statuses) {
        for (int status : statuses) {
            script(path).addLast(new Answer(status, Duration.ZERO));
        }
        return this;
    }

    /** The next request to {@code path} is answered 200 only after {@code delay}. */
    public WebhookReceiver thenAnswerAfter(String path, Duration delay) {
        script(path).addLast(new Answer(200, delay));
        return this;
    }

    /** Requests to {@code path} that no script covers get {@code status}. */
    public WebhookReceiver otherwiseAnswer(String path, int status) {
        otherwise.put(path, status);
        return this;
    }

    public List<Received> received(String path) {
        return List.copyOf(received.getOrDefault(path, List.of()));
    }

    /** Waits (at most {@code timeout}) until {@code path} received {@code count} requests; returns them. */
    public List<Received> await(String path, int count, Duration timeout) {
        return Eventually.await(timeout, () -> received(path), list -> list.size() >= count,
                "requests to " + path + " (wanted " + count + ")");
    }

    private Deque<Answer> script(String path) {
        return scripted.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(",", values)));
        received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                .add(new Received(exchange.getRequestMethod(), path, headers, body, Instant.now()));
        Answer answer = script(path).pollFirst();
        if (answer == null) {
            answer = new Answer(otherwise.getOrDefault(path, 200), Duration.ZERO);
        }
        try {
            if (!answer.delay().isZero()) {
                Thread.sleep(answer.delay().toMillis());
            }
            byte[] reply = ("{\"received\":" + (answer.status() < 300) + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("content-type", "application/json");
            exchange.sendResponseHeaders(answer.status(), reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException gone) {
            // the sandbox gave up waiting (its request timeout) and closed the connection
        } finally {
            exchange.close();
        }
    }

    /**
     * What an integrator checks {@code x-sandbox-signature} against: {@code sha256=} and the hex
     * HMAC-SHA256 of the raw body, keyed with the tenant's webhook secret. Computed here with the
     * JDK alone, independently of the sandbox's code.
     */
    public static String expectedSignature(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** All requests received, for diagnostics. */
    public List<Received> all() {
        List<Received> all = new ArrayList<>();
        received.values().forEach(all::addAll);
        return all;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
