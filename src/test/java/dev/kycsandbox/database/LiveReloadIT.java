package dev.kycsandbox.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * {@code ./mvnw quarkus:dev} as a developer runs it, on a copy of the project in
 * {@code target/live-reload-it}: after each of three source edits the next request reloads the
 * application, which answers with the edited code and still reaches the embedded PostgreSQL it
 * started with (one server for the JVM's life, its data kept across reloads).
 */
@DisabledIfSystemProperty(named = "native.image.path", matches = ".+", disabledReason = "dev mode runs on the JVM"
        + " whatever the build packages: the JVM build checks it")
class LiveReloadIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path WORK = PROJECT.resolve("target/live-reload-it");
    private static final Path COPY = WORK.resolve("project");
    private static final Path PROBE = COPY.resolve("src/main/java/dev/kycsandbox/LiveReloadProbe.java");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(8);
    private static final Duration RELOAD_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern EMBEDDED_STARTS = Pattern.compile("Started embedded PostgreSQL");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private static Process devMode;
    private static Path log;
    private static int port;

    @BeforeAll
    static void startDevMode() throws Exception {
        stopLeftoverPostgres();
        deleteRecursively(WORK);
        copyProject();
        writeProbe("edit 0");
        port = freeLoopbackPort();
        log = WORK.resolve("dev-mode.log");
        List<String> command = new ArrayList<>(List.of(COPY.resolve("mvnw").toString(), "-B", "quarkus:dev",
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Ddebug=false", "-Dquarkus.console.enabled=false", "-Dquarkus.test.continuous-testing=disabled",
                "-Dquarkus.analytics.disabled=true"));
        Optional.ofNullable(System.getProperty("maven.repo.local")).filter(repo -> !repo.isBlank())
                .ifPresent(repo -> command.add("-Dmaven.repo.local=" + repo));
        ProcessBuilder builder = new ProcessBuilder(command).directory(COPY.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("QUARKUS_") || key.startsWith("SANDBOX_"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("SANDBOX_ADMIN_TOKEN", "live-reload-admin-token");
        devMode = builder.start();
        awaitProbe("edit 0", START_TIMEOUT);
    }

    @AfterAll
    static void stopDevMode() throws Exception {
        if (devMode == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(devMode.descendants().toList());
        tree.add(devMode.toHandle());
        tree.forEach(ProcessHandle::destroy); // SIGTERM: the dev JVM stops its PostgreSQL on the way out
        for (ProcessHandle process : tree) {
            try {
                process.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                process.destroyForcibly();
            }
        }
        stopLeftoverPostgres();
    }

    @Test
    void shouldSurviveThreeLiveReloads() throws Exception {
        String token = token();
        String customerId = initCustomer(token);

        for (int edit = 1; edit <= 3; edit++) {
            writeProbe("edit " + edit);
            awaitProbe("edit " + edit, RELOAD_TIMEOUT);
            HttpResponse<String> status = send(HttpRequest.newBuilder(uri("/customer/status/" + customerId))
                    .header("x-connectfi-token", token()).GET());
            assertEquals(200, status.statusCode(), "after reload " + edit + ": " + status.body());
        }

        String output = Files.readString(log);
        assertEquals(1, EMBEDDED_STARTS.matcher(output).results().count(), "one embedded PostgreSQL for all reloads");
        assertFalse(output.contains("OverlappingFileLockException"), output);
        assertFalse(output.contains("Error restarting Quarkus"), output);
    }

    private static void copyProject() throws IOException {
        for (String part : List.of("pom.xml", "mvnw", ".mvn", "src/main", "src/embedded")) {
            Path source = PROJECT.resolve(part);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path target = COPY.resolve(PROJECT.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
    }

    /** A resource of the copy only: what it answers tells which edit the running code has. */
    private static void writeProbe(String answer) throws IOException {
        Files.writeString(PROBE, """
                package dev.kycsandbox;

                @jakarta.ws.rs.Path("/live-reload-probe")
                public class LiveReloadProbe {
                    @jakarta.ws.rs.GET
                    public String edit() {
                        return "%s";
                    }
                }
                """.formatted(answer));
    }

    /** Polls the probe; in dev mode the first request after an edit is the one that reloads. */
    private static void awaitProbe(String expected, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!devMode.isAlive()) {
                throw new AssertionError("dev mode exited:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/live-reload-probe")).GET());
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200 && response.body().equals(expected)) {
                    return;
                }
            } catch (IOException notListeningYet) {
                last = notListeningYet.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no '" + expected + "' within " + timeout + " (last: " + last + "):\n"
                + Files.readString(log));
    }

    private static String token() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/auth/get-token"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":{\"login\":\"sandbox\",\"password\":\"sandbox\"}}")));
        assertEquals(200, response.statusCode(), response.body());
        return field(response.body(), "token");
    }

    private static String initCustomer(String token) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/customer/init"))
                .header("content-type", "application/json").header("x-connectfi-token", token)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"customerReference":"liveReload","customerType":"individual","customer":{"firstName":"Jessie",
                         "lastName":"Testman","dateOfBirth":"1990-04-01","identificationDocuments":[{"type":"SSN","value":"123456789"}]}}
                        """)));
        assertEquals(200, response.statusCode(), response.body());
        return field(response.body(), "customerId");
    }

    private static String field(String json, String name) {
        var matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!matcher.find()) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return matcher.group(1);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A postmaster outlives a dev JVM that was killed; it must not outlive the test. */
    private static void stopLeftoverPostgres() throws IOException {
        Path pidFile = COPY.resolve("data/postgres/postmaster.pid");
        if (Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim())).ifPresent(ProcessHandle::destroy);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
