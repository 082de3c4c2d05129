package dev.kycsandbox.durability;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged sandbox run as users run it, in its own process and working directory. What this
 * build packaged: the jar ({@code target/quarkus-app/quarkus-run.jar}), started with no datasource
 * URL, so that it starts its embedded PostgreSQL in {@code data/postgres}; or, in the native build
 * (the system property {@code native.image.path}, set by the native profile), the native
 * executable, which has no embedded PostgreSQL: given no URL either, it gets a PostgreSQL of the
 * test's own in the same {@code data/postgres}, which outlives the sandbox's crashes and restarts
 * as a server of an operator's would.
 */
final class SandboxProcess implements AutoCloseable {

    static final String ADMIN_TOKEN = "durability-admin-token";
    /** The native executable under test; empty in the JVM build. */
    static final Optional<Path> NATIVE_EXECUTABLE = Optional.ofNullable(System.getProperty("native.image.path"))
            .filter(path -> !path.isBlank()).map(path -> Path.of(path).toAbsolutePath());
    /** True for the jar, which starts its embedded PostgreSQL (and stops it on a graceful stop). */
    static final boolean EMBEDDED_DATABASE = NATIVE_EXECUTABLE.isEmpty();
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    /** Per working directory, the PostgreSQL the native executable is given in place of an embedded one. */
    private static final Map<Path, ExternalPostgres> TEST_DATABASES = new ConcurrentHashMap<>();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern EMBEDDED_PORT = Pattern.compile("Started embedded PostgreSQL in .* on 127\\.0\\.0\\.1:(\\d+)");
    /** Quarkus's start line; the sandbox listens on a port the kernel chose (port 0). */
    private static final Pattern HTTP_PORT = Pattern.compile("Listening on: http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final Path log;
    /** The test's PostgreSQL this sandbox was given, if it was given one. */
    private final Optional<ExternalPostgres> testDatabase;
    private int port;

    private SandboxProcess(Process process, Path log, Optional<ExternalPostgres> testDatabase) {
        this.process = process;
        this.log = log;
        this.testDatabase = testDatabase;
    }

    static SandboxProcess start(Path workDir, String name) throws IOException {
        return start(workDir, name, Map.of());
    }

    /** As {@link #start(Path, String)}, with {@code environment} added (e.g. {@code SANDBOX_KYC_AUTO_DECISION_DELAY}). */
    static SandboxProcess start(Path workDir, String name, Map<String, String> environment) throws IOException {
        return start(workDir, name, environment, List.of());
    }

    /**
     * As {@link #start(Path, String, Map)}, with {@code options} on the command line: run-time
     * options that the JVM and the native executable both take, such as {@code -Xmx96m}.
     */
    static SandboxProcess start(Path workDir, String name, Map<String, String> environment, List<String> options)
            throws IOException {
        Files.createDirectories(workDir);
        Path log = workDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        if (NATIVE_EXECUTABLE.isPresent()) {
            command.add(NATIVE_EXECUTABLE.get().toString());
            command.addAll(options);
        } else {
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(options);
            command.addAll(List.of("-jar", JAR.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("QUARKUS_DATASOURCE") || key.startsWith("SANDBOX_"));
        env.put("QUARKUS_HTTP_PORT", "0"); // a port picked here could be taken by the embedded PostgreSQL
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("SANDBOX_ADMIN_TOKEN", ADMIN_TOKEN);
        Optional<ExternalPostgres> testDatabase = Optional.empty();
        if (!EMBEDDED_DATABASE && !environment.containsKey("QUARKUS_DATASOURCE_JDBC_URL")) {
            testDatabase = Optional.of(testDatabaseOf(workDir));
            env.putAll(testDatabase.get().sandboxEnvironment());
        }
        env.putAll(environment);
        SandboxProcess sandbox = new SandboxProcess(builder.start(), log, testDatabase);
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

    /**
     * The port of the PostgreSQL this sandbox keeps its data in, whose superuser is {@code postgres}:
     * the embedded one, read from the sandbox's start-up log line, or the test's own.
     */
    int databasePort() throws IOException {
        if (testDatabase.isPresent()) {
            return testDatabase.get().port();
        }
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

    /**
     * Ends the PostgreSQL of the sandboxes of {@code workDir}, so that no test leaves a server
     * running: the test's own, and a postmaster a killed sandbox left behind.
     */
    static void stopPostgres(Path workDir) throws IOException {
        ExternalPostgres testDatabase = TEST_DATABASES.remove(workDir);
        if (testDatabase != null) {
            testDatabase.close();
        }
        Path pidFile = workDir.resolve("data/postgres/postmaster.pid");
        if (Files.exists(pidFile)) {
            Optional<ProcessHandle> postmaster = ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
            postmaster.ifPresent(ProcessHandle::destroy);
        }
    }

    /** One per working directory, in {@code data/postgres} as the jar's embedded one: started by the first sandbox. */
    private static ExternalPostgres testDatabaseOf(Path workDir) {
        return TEST_DATABASES.computeIfAbsent(workDir, dir -> {
            try {
                return ExternalPostgres.start(dir.resolve("data/postgres"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test's PostgreSQL in " + dir, e);
            }
        });
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
