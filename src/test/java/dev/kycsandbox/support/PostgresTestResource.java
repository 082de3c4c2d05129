package dev.kycsandbox.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The one database of the test suite: a real PostgreSQL. By default the embedded one (real
 * binaries from Maven, a fresh cluster under {@code target/}); with {@code SANDBOX_TEST_JDBC_URL}
 * (and {@code SANDBOX_TEST_JDBC_USERNAME} / {@code SANDBOX_TEST_JDBC_PASSWORD}) an external one,
 * whose schema the suite cleans first. Also gives every run a fresh blob root.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    /**
     * A system property (JVM-wide, whatever the class loader) that changes with every start, that
     * is with every fresh database: {@link Api} keys its token cache by it, since a test profile
     * restarts the application on a new database where earlier tokens mean nothing.
     */
    static final String GENERATION = "kycsandbox.test.database-generation";
    /**
     * The current test database, as system properties too: the {@code @QuarkusIntegrationTest}s,
     * which run outside the application, read what it persisted through them.
     */
    private static final String URL = "kycsandbox.test.jdbc-url";
    private static final String USERNAME = "kycsandbox.test.jdbc-username";
    private static final String PASSWORD = "kycsandbox.test.jdbc-password";
    /** The storage root of every run ({@code sandbox.storage.root}), emptied at each start. */
    public static final Path STORAGE = Path.of("target", "test-run", "storage").toAbsolutePath();

    private EmbeddedPostgres embedded;

    @Override
    public Map<String, String> start() {
        System.setProperty(GENERATION, java.util.UUID.randomUUID().toString());
        Path storage = fresh(STORAGE);
        String externalUrl = System.getenv("SANDBOX_TEST_JDBC_URL");
        if (externalUrl != null && !externalUrl.isBlank()) {
            remember(externalUrl, envOr("SANDBOX_TEST_JDBC_USERNAME", "postgres"), envOr("SANDBOX_TEST_JDBC_PASSWORD", ""));
            return Map.of(
                    "quarkus.datasource.jdbc.url", externalUrl,
                    "quarkus.datasource.username", envOr("SANDBOX_TEST_JDBC_USERNAME", "postgres"),
                    "quarkus.datasource.password", envOr("SANDBOX_TEST_JDBC_PASSWORD", ""),
                    "quarkus.flyway.clean-at-start", "true",
                    "quarkus.flyway.clean-disabled", "false",
                    "sandbox.storage.root", storage.toString());
        }
        try {
            embedded = EmbeddedPostgres.builder().setDataDirectory(fresh(STORAGE.resolveSibling("postgres"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL for the tests", e);
        }
        remember(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        return Map.of(
                "quarkus.datasource.jdbc.url", embedded.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "sandbox.storage.root", storage.toString());
    }

    /** A new connection to the current test database, from the test's side (close it). */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getProperty(URL), System.getProperty(USERNAME),
                System.getProperty(PASSWORD));
    }

    private static void remember(String url, String username, String password) {
        System.setProperty(URL, url);
        System.setProperty(USERNAME, username);
        System.setProperty(PASSWORD, password);
    }

    @Override
    public void stop() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private static Path fresh(Path directory) {
        try {
            if (Files.exists(directory)) {
                try (var files = Files.walk(directory)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
