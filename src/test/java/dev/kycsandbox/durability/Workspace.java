package dev.kycsandbox.durability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The working directory of a packaged-jar test, emptied first (stopping a PostgreSQL left there). */
final class Workspace {

    private Workspace() {
    }

    static void fresh(Path workDir) throws IOException {
        if (Files.exists(workDir)) {
            SandboxProcess.stopLeftoverPostgres(workDir);
            try (var files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
