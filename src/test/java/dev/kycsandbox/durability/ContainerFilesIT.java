package dev.kycsandbox.durability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The container files speak of what {@code ./mvnw package} really produces: every build output
 * {@code Dockerfile.jvm} copies exists after the package phase, and the images' volume and
 * health paths match the service's configuration.
 */
class ContainerFilesIT {

    private static final Pattern COPY_FROM_BUILD = Pattern.compile("COPY --from=build \\S+ /build/(target/\\S+?)/?\\s");

    @Test
    void shouldCopyOnlyWhatThePackagePhaseProduces() throws Exception {
        String dockerfile = Files.readString(Path.of("docker", "Dockerfile.jvm"));
        Matcher matcher = COPY_FROM_BUILD.matcher(dockerfile);
        int copies = 0;
        while (matcher.find()) {
            String output = matcher.group(1).replace("*.jar", "quarkus-run.jar");
            assertTrue(Files.exists(Path.of(output)), output + " is copied by Dockerfile.jvm but not built");
            copies++;
        }
        assertTrue(copies >= 4, "Dockerfile.jvm copies the four parts of target/quarkus-app");
    }

    @Test
    void shouldKeepDocumentsOnTheDeclaredVolumeAndProbeTheReadinessEndpoint() throws Exception {
        for (String name : List.of("Dockerfile.jvm", "Dockerfile.native", "Dockerfile.native-micro")) {
            String dockerfile = Files.readString(Path.of("docker", name)).replaceAll("(?m)^#.*$", "");
            assertTrue(dockerfile.contains("SANDBOX_STORAGE_ROOT=/data/storage"), name);
            assertTrue(dockerfile.contains("VOLUME [\"/data/storage\"]"), name);
            assertTrue(dockerfile.contains("USER 1") , name + " runs as a non-root user");
            assertFalse(dockerfile.contains("QUARKUS_DATASOURCE_JDBC_URL="), name + " must not bake in a database");
        }
        String compose = Files.readString(Path.of("docker", "docker-compose.yml"));
        assertTrue(compose.contains("/q/health/ready"));
        assertTrue(compose.contains("condition: service_healthy"));
    }
}
