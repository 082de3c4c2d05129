package dev.kycsandbox.database;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Application;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded default: when no other source configures {@code quarkus.datasource.jdbc.url},
 * the lookup falls through to this lowest-priority source, which starts a real PostgreSQL (the
 * binaries come from a Maven artifact) and answers with its URL.
 *
 * <p>A config source and not a start-up observer, because the datasource URL is read while the
 * runtime configuration is built, before any bean runs. It starts lazily, on that lookup only,
 * and never while the application is being built. Its data lives under {@code data/postgres}
 * (or {@code SANDBOX_EMBEDDED_POSTGRES_DIR}) and survives restarts; unlike a test database it
 * runs with fsync and synchronous commit on, because a 200 must mean durable.
 *
 * <p>It stops when the JVM does, but only once the application has stopped: on SIGTERM the
 * requests in progress are given {@code quarkus.shutdown.timeout} to finish, and they need the
 * database until their last commit (the library's own shutdown hook would stop it at once).
 *
 * <p>One server per JVM: dev mode's live reload loads this class again in a new class loader,
 * where a second start would find the data directory locked by the first. So the URL of the
 * running server is kept where every class loader sees it, and each reload reuses that server.
 *
 * <p>PostgreSQL's own output (initdb's ~60 lines, the server log) goes to {@code postgres.log}
 * beside the data directory, so the console keeps the sandbox's lines, the admin token's included.
 */
public class EmbeddedPostgresConfigSource implements ConfigSource {

    static final String URL = "quarkus.datasource.jdbc.url";
    static final String USERNAME = "quarkus.datasource.username";
    static final String DATA_DIR_ENV = "SANDBOX_EMBEDDED_POSTGRES_DIR";
    static final String DATA_DIR_PROPERTY = "sandbox.embedded-postgres.dir";
    static final String DEFAULT_DATA_DIR = "data/postgres";
    private static final String SUPERUSER = "postgres";
    /** A system property, the one place shared by the class loaders of one JVM. */
    private static final String RUNNING_URL = "dev.kycsandbox.embedded-postgres.running-url";
    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresConfigSource.class);
    /** Longest wait for the application to stop before the server is stopped anyway. */
    private static final long APPLICATION_STOP_WAIT_MILLIS = 90_000;

    @Override
    public Set<String> getPropertyNames() {
        // listing the URL would make Quarkus read it eagerly, at build time too
        return Set.of();
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of();
    }

    @Override
    public String getValue(String name) {
        if (URL.equals(name) && !BuildTime.isNow()) {
            return jdbcUrl();
        }
        if (USERNAME.equals(name)) {
            return SUPERUSER; // embedded PostgreSQL trusts its local superuser; harmless otherwise
        }
        return null;
    }

    @Override
    public int getOrdinal() {
        return 50; // below application.properties (250), environment (300) and system properties (400)
    }

    @Override
    public String getName() {
        return "EmbeddedPostgresConfigSource";
    }

    /** Synchronized on this class loader's class: a reload runs only once the previous application stopped. */
    private static synchronized String jdbcUrl() {
        String running = System.getProperty(RUNNING_URL);
        if (running == null) {
            running = start(dataDirectory()).getJdbcUrl(SUPERUSER, SUPERUSER);
            System.setProperty(RUNNING_URL, running);
        }
        return running;
    }

    private static EmbeddedPostgres start(Path dataDir) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
            OrphanedPostmaster.claim(dataDir);
            File serverLog = dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(serverLog))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(serverLog))
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterApplication(postgres), "embedded-postgres-stop"));
            LOG.infof("Started embedded PostgreSQL in %s on 127.0.0.1:%d in %d ms (no datasource URL configured; its log: %s)",
                    dataDir, postgres.getPort(), (System.nanoTime() - started) / 1_000_000, serverLog);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDir + ": " + e.getMessage()
                    + " (or set QUARKUS_DATASOURCE_JDBC_URL to use an external PostgreSQL)", e);
        }
    }

    /** Runs in a JVM shutdown hook, beside Quarkus's own, which stops the application. */
    private static void stopAfterApplication(EmbeddedPostgres postgres) {
        Application application = Application.currentApplication();
        if (application != null) {
            Thread waiter = new Thread(application::awaitShutdown, "embedded-postgres-await-application");
            waiter.setDaemon(true);
            waiter.start();
            try {
                waiter.join(APPLICATION_STOP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "Could not stop the embedded PostgreSQL cleanly");
        }
    }

    private static Path dataDirectory() {
        String configured = System.getProperty(DATA_DIR_PROPERTY, System.getenv(DATA_DIR_ENV));
        return Paths.get(configured == null || configured.isBlank() ? DEFAULT_DATA_DIR : configured).toAbsolutePath();
    }
}
