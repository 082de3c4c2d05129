package dev.kycsandbox.durability;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server of the test's own, outside every sandbox (the layout of an operator's
 * database): its own postmaster process on a fixed data directory and port, which a test can
 * kill with SIGKILL and start again on the same port, like a database that crashed and came back.
 */
final class ExternalPostgres implements AutoCloseable {

    private static final String SUPERUSER = "postgres";
    private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;

    private ExternalPostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    static ExternalPostgres start(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ExternalPostgres postgres = new ExternalPostgres(dataDir, port);
        postgres.server = postgres.launch();
        return postgres;
    }

    /** The environment that points a {@link SandboxProcess} at this server instead of its embedded one. */
    Map<String, String> sandboxEnvironment() {
        return Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + port + "/" + SUPERUSER,
                "QUARKUS_DATASOURCE_USERNAME", SUPERUSER, "QUARKUS_DATASOURCE_PASSWORD", SUPERUSER);
    }

    int port() {
        return port;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + SUPERUSER, SUPERUSER, SUPERUSER);
    }

    /** SIGKILL of the postmaster: its backends die with it, clients see their connections drop. */
    void kill() throws IOException {
        ProcessHandle postmaster = postmaster().orElseThrow(() -> new AssertionError("no postmaster in " + dataDir));
        postmaster.destroyForcibly();
        postmaster.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        server.close(); // finds no server to stop, and releases the data directory's lock for the restart
        server = null;
    }

    /** Starts the server again on the same data directory and port, once the killed one's backends have gone. */
    void restart() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(RESTART_TIMEOUT);
        while (true) {
            try {
                server = launch();
                return;
            } catch (IOException | IllegalStateException notYet) { // e.g. shared memory still held by a dying backend
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException("PostgreSQL did not restart in " + dataDir, notYet);
                }
                Thread.sleep(500);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private EmbeddedPostgres launch() throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
    }

    private Optional<ProcessHandle> postmaster() throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
    }
}
