package dev.kycsandbox.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The container files speak of what {@code ./mvnw package} really produces: every build output
 * {@code Dockerfile.jvm} copies exists after the package phase, and the images' volume and
 * health paths match the service's configuration.
 */
class ContainerFilesIT {

    /** A COPY from the build context: its sources, then the destination. */
    private static final Pattern COPY_FROM_CONTEXT = Pattern.compile("(?m)^COPY (?!--from)((?:\\S+[ \\t]+)+)\\S+$");
    private static final Pattern COPY_FROM_BUILD = Pattern.compile("COPY --from=build \\S+ /build/(target/\\S+?)/?\\s");

    @Test
    @DisabledIfSystemProperty(named = "native.image.path", matches = ".+", disabledReason = "Dockerfile.jvm copies the"
            + " jar build's target/quarkus-app, which the native build does not make: the JVM build checks it")
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
        assertTrue(compose.contains("dockerfile: docker/Dockerfile.jvm"), "the quick JVM image is compose's default");
        assertTrue(Files.readString(Path.of("docker", "docker-compose.native.yml")).contains("dockerfile: docker/Dockerfile.native"));
    }

    @Test
    void shouldSendOnlyTheSourcesAsBuildContext() throws Exception {
        List<String> rules = Files.readAllLines(Path.of(".dockerignore")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        assertEquals("*", rules.get(0), "everything is left out but what is named after");
        for (String name : List.of("Dockerfile.jvm", "Dockerfile.native", "Dockerfile.native-micro")) {
            Matcher copies = COPY_FROM_CONTEXT.matcher(Files.readString(Path.of("docker", name)));
            while (copies.find()) {
                for (String source : copies.group(1).trim().split("\\s+")) {
                    assertTrue(rules.contains("!" + source) || rules.contains("!" + source + "/"),
                            name + " copies " + source + ", which .dockerignore leaves out");
                }
            }
        }
        for (String excluded : List.of("target", "data", ".git")) {
            assertTrue(rules.stream().noneMatch(rule -> rule.startsWith("!" + excluded)), excluded + " is sent");
        }
    }

    @Test
    void shouldBuildNativeWithTheBuilderImageOfThisQuarkusVersion() throws Exception {
        for (String name : List.of("Dockerfile.native", "Dockerfile.native-micro")) {
            String dockerfile = Files.readString(Path.of("docker", name));
            assertTrue(dockerfile.contains("FROM quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-25 AS native"), name);
            assertFalse(dockerfile.contains("jdk-21"), name);
        }
        // an executable built on UBI 9 needs UBI 9's glibc at run time
        assertTrue(Files.readString(Path.of("docker", "Dockerfile.native-micro")).contains("FROM quay.io/quarkus/ubi9-quarkus-micro-image"));
    }
}
