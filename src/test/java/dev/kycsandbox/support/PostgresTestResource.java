package dev.kycsandbox.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private EmbeddedPostgres embedded;

    @Override
    public Map<String, String> start() {
        System.setProperty(GENERATION, java.util.UUID.randomUUID().toString());
        Path work = Path.of("target", "test-run").toAbsolutePath();
        Path storage = fresh(work.resolve("storage"));
        String externalUrl = System.getenv("SANDBOX_TEST_JDBC_URL");
        if (externalUrl != null && !externalUrl.isBlank()) {
            return Map.of(
                    "quarkus.datasource.jdbc.url", externalUrl,
                    "quarkus.datasource.username", envOr("SANDBOX_TEST_JDBC_USERNAME", "postgres"),
                    "quarkus.datasource.password", envOr("SANDBOX_TEST_JDBC_PASSWORD", ""),
                    "quarkus.flyway.clean-at-start", "true",
                    "quarkus.flyway.clean-disabled", "false",
                    "sandbox.storage.root", storage.toString());
        }
        try {
            embedded = EmbeddedPostgres.builder().setDataDirectory(fresh(work.resolve("postgres"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL for the tests", e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", embedded.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "sandbox.storage.root", storage.toString());
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
