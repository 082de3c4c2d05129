package dev.kycsandbox.durability;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged sandbox ({@code target/quarkus-app/quarkus-run.jar}) run as users run it: its own
 * JVM, its own working directory, no datasource URL, so it starts its embedded PostgreSQL.
 */
final class SandboxProcess implements AutoCloseable {

    static final String ADMIN_TOKEN = "durability-admin-token";
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern EMBEDDED_PORT = Pattern.compile("Started embedded PostgreSQL in .* on 127\\.0\\.0\\.1:(\\d+)");
    /** Quarkus's start line; the sandbox listens on a port the kernel chose (port 0). */
    private static final Pattern HTTP_PORT = Pattern.compile("Listening on: http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final Path log;
    private int port;

    private SandboxProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static SandboxProcess start(Path workDir, String name) throws IOException {
        return start(workDir, name, Map.of());
    }

    /** As {@link #start(Path, String)}, with {@code environment} added (e.g. {@code SANDBOX_KYC_AUTO_DECISION_DELAY}). */
    static SandboxProcess start(Path workDir, String name, Map<String, String> environment) throws IOException {
        Files.createDirectories(workDir);
        Path log = workDir.resolve(name + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("QUARKUS_DATASOURCE") || key.startsWith("SANDBOX_"));
        env.put("QUARKUS_HTTP_PORT", "0"); // a port picked here could be taken by the embedded PostgreSQL
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("SANDBOX_ADMIN_TOKEN", ADMIN_TOKEN);
        env.putAll(environment);
        SandboxProcess sandbox = new SandboxProcess(builder.start(), log);
        sandbox.awaitReady();
        return sandbox;
    }

    RequestSpecification api() {
        return given().baseUri("http://127.0.0.1").port(port);
    }

    String token() {
        return api().contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("login", "sandbox", "password", "sandbox")))
                .post("/auth/get-token").then().statusCode(200).extract().path("data.token");
    }

    int port() {
        return port;
    }

    /** Everything the sandbox wrote to stdout and stderr so far. */
    String output() throws IOException {
        return Files.readString(log);
    }

    /** The embedded PostgreSQL's port, read from the sandbox's start-up log line. */
    int embeddedPostgresPort() throws IOException {
        Matcher matcher = EMBEDDED_PORT.matcher(Files.readString(log));
        if (!matcher.find()) {
            throw new AssertionError("no embedded PostgreSQL start in " + log);
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** SIGKILL: no shutdown hook runs, exactly like a crash or an OOM kill. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the graceful stop of an operator. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** The exit code once the process has ended, within {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("sandbox still running after " + timeout);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    /** Ends a postmaster a killed sandbox left behind, so that no test leaves a server running. */
    static void stopLeftoverPostgres(Path workDir) throws IOException {
        Path pidFile = workDir.resolve("data/postgres/postmaster.pid");
        if (Files.exists(pidFile)) {
            Optional<ProcessHandle> postmaster = ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
            postmaster.ifPresent(ProcessHandle::destroy);
        }
    }

    private void awaitReady() throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("sandbox exited during start-up:\n" + Files.readString(log));
            }
            try {
                if (port == 0) {
                    Matcher listening = HTTP_PORT.matcher(Files.readString(log));
                    if (!listening.find()) {
                        sleep();
                        continue;
                    }
                    port = Integer.parseInt(listening.group(1));
                }
                token();
                return;
            } catch (Exception | AssertionError notYet) { // RestAssured rethrows ConnectException unchecked
                sleep();
            }
        }
        process.destroyForcibly();
        throw new AssertionError("sandbox not ready within " + START_TIMEOUT + ":\n" + Files.readString(log));
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
