package dev.kycsandbox.durability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The working directory of the sandboxes an IT starts ({@code target/<name>}): empty before the
 * class runs, and no PostgreSQL of its sandboxes left running after it (the embedded one, or the
 * test's own in the native build), even when a test killed its sandbox. Register with {@code @RegisterExtension static final SandboxWorkDir WORK = …}.
 */
final class SandboxWorkDir implements BeforeAllCallback, AfterAllCallback {

    private final Path path;

    SandboxWorkDir(String name) {
        this.path = Path.of("target", name).toAbsolutePath();
    }

    Path path() {
        return path;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (Files.exists(path)) {
            SandboxProcess.stopPostgres(path);
            try (Stream<Path> files = Files.walk(path)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        SandboxProcess.stopPostgres(path);
    }
}
