package dev.kycsandbox.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's "Walk through it with curl" blocks, executed as written with bash against the
 * packaged sandbox with the admin token "Run it" gives it (the jar as "Run it" starts it, or the
 * native executable): twice in a row, then once more after a restart. So
 * the README can never drift from the product. Each run stops at its first failing command
 * ({@code set -euo pipefail}); its answers must all be successes but for the one refusal the
 * walk-through shows on purpose.
 */
class ReadmeWalkThroughIT {

    @RegisterExtension
    static final SandboxWorkDir WORK = new SandboxWorkDir("readme-walk-through-it");
    private static final Path README = Path.of("README.md");
    private static final String SECTION = "## Walk through it with curl";
    private static final Pattern BASH_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern ADMIN_TOKEN_OF_RUN_COMMAND = Pattern.compile("SANDBOX_ADMIN_TOKEN=(\\S+) java ");
    private static final Pattern ERROR_CODE = Pattern.compile("\"code\":\"(?!0\")([^\"]+)\"");

    @Test
    void shouldRunTheReadmeWalkThroughTwiceAndAfterARestart() throws Exception {
        String readme = Files.readString(README);
        String walkThrough = walkThroughBlocks(readme);
        Map<String, String> environment = Map.of("SANDBOX_ADMIN_TOKEN", adminTokenOfRunCommand(readme));

        try (SandboxProcess sandbox = SandboxProcess.start(WORK.path(), "first", environment)) {
            run(walkThrough, sandbox, "run-1");
            run(walkThrough, sandbox, "run-2");
        }
        try (SandboxProcess restarted = SandboxProcess.start(WORK.path(), "restarted", environment)) {
            run(walkThrough, restarted, "run-3");
        }
    }

    /** Every bash block of the section, in order, as one script: later blocks use earlier variables. */
    private static String walkThroughBlocks(String readme) {
        int start = readme.indexOf(SECTION);
        assertTrue(start >= 0, "README has no section " + SECTION);
        int end = readme.indexOf("\n## ", start + SECTION.length());
        Matcher blocks = BASH_BLOCK.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        List<String> script = new ArrayList<>();
        while (blocks.find()) {
            script.add(blocks.group(1));
        }
        assertFalse(script.isEmpty(), "no bash block under " + SECTION);
        return String.join("\n", script);
    }

    /** The walk-through relies on the token "Run it" suggests; the sandbox gets the same one. */
    private static String adminTokenOfRunCommand(String readme) {
        Matcher matcher = ADMIN_TOKEN_OF_RUN_COMMAND.matcher(readme);
        assertTrue(matcher.find(), "the README's run command sets no SANDBOX_ADMIN_TOKEN");
        return matcher.group(1);
    }

    private static void run(String walkThrough, SandboxProcess sandbox, String name) throws IOException, InterruptedException {
        Path directory = Files.createDirectories(WORK.path().resolve(name));
        Path script = directory.resolve("walk-through.sh");
        Files.writeString(script, "set -euo pipefail\n" + walkThrough);
        Path output = directory.resolve("output.txt");
        ProcessBuilder bash = new ProcessBuilder("bash", script.toString()).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        bash.environment().keySet().removeIf(key -> key.startsWith("SANDBOX_"));
        bash.environment().put("SANDBOX_URL", "http://127.0.0.1:" + sandbox.port());
        Process process = bash.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(name + ": the walk-through did not finish within 2 minutes:\n" + Files.readString(output));
        }
        String printed = Files.readString(output);
        assertEquals(0, process.exitValue(), name + ": the walk-through failed:\n" + printed);
        assertEquals(List.of("kycCompleted", "applicationCompleted"),
                ERROR_CODE.matcher(printed).results().map(m -> m.group(1)).toList(),
                name + ": the only refusals are the re-uploads after the decisions:\n" + printed);
        assertTrue(printed.contains("\"status\":\"IN_REVIEW\""), name + ":\n" + printed);
        assertTrue(printed.contains("the slot now holds the linked document"), name + ":\n" + printed);
        assertTrue(printed.contains("\"waiting_review\""), name + ":\n" + printed);
        assertTrue(printed.contains("{\"status\":\"completed\",\"outcome\":\"Approved\"}"), name + ":\n" + printed);
    }
}
