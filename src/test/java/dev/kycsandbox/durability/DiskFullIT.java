package dev.kycsandbox.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.kycsandbox.support.Documents;
import dev.kycsandbox.support.Eventually;

/**
 * The blob root on a small filesystem of its own (a 4 MiB tmpfs) that fills up: an upload that
 * meets the full disk fails with 507 {@code insufficientStorage} in the envelope, commits no row
 * and leaves no partial file, readiness goes down; once space returns, uploads succeed again.
 * Mounting needs root (CAP_SYS_ADMIN); where it is refused the test is skipped, saying so.
 */
class DiskFullIT {

    @RegisterExtension
    static final SandboxWorkDir WORK = new SandboxWorkDir("disk-full-it");
    private static final Path WORK_DIR = WORK.path();
    private static final Path MOUNT = WORK_DIR.resolve("small-disk");
    private static final int UPLOAD_SIZE = 1024 * 1024;
    private static final long LEFT_FREE = 64 * 1024;

    @Test
    void shouldRefuseAnUploadOnAFullDiskCleanlyAndAcceptOnceSpaceReturns() throws Exception {
        Files.createDirectories(MOUNT);
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", MOUNT.toString()),
                "cannot mount a small tmpfs here (needs root): disk-full test skipped");
        Path storage = MOUNT.resolve("storage");
        Path filler = MOUNT.resolve("filler");
        try (SandboxProcess sandbox = SandboxProcess.start(WORK_DIR, "sandbox", Map.of(
                "SANDBOX_STORAGE_ROOT", storage.toString(), "SANDBOX_STORAGE_MIN_FREE_SPACE", "512K"))) {
            SandboxClient client = new SandboxClient(sandbox);
            SandboxClient.Customer customer = client.newCustomerInKyc("diskfull1");
            byte[] kept = Documents.png(71);
            assertEquals(200, client.upload(customer.id(), customer.slots().get(0), kept).statusCode());

            fillLeaving(filler, LEFT_FREE);
            assertEquals(503, client.readiness().statusCode(), "unready below the free-space floor");
            HttpResponse<byte[]> refused = client.upload(customer.id(), customer.slots().get(1),
                    Documents.pngOfSize(UPLOAD_SIZE));

            String text = new String(refused.body(), StandardCharsets.UTF_8);
            assertEquals(507, refused.statusCode(), text);
            JsonNode body = SandboxClient.json(refused);
            assertEquals("insufficientStorage", body.path("code").asText(), text);
            assertFalse(text.contains("\tat ") || text.contains("Exception"), text);
            assertEquals(404, client.content(customer.slots().get(1)).statusCode(), "no row committed");
            Eventually.await(Duration.ofSeconds(10), () -> list(storage.resolve("incoming")), List::isEmpty,
                    "no partial spooled upload left");
            assertEquals(1, blobs(storage).size(), "only the blob stored before the disk filled");
            assertEquals(Documents.sha256(kept),
                    client.content(customer.slots().get(0)).headers().firstValue("x-content-sha256").orElseThrow());

            Files.delete(filler);
            byte[] later = Documents.pngOfSize(UPLOAD_SIZE);
            assertEquals(200, client.upload(customer.id(), customer.slots().get(1), later).statusCode());
            assertEquals(Documents.sha256(later),
                    client.content(customer.slots().get(1)).headers().firstValue("x-content-sha256").orElseThrow());
            assertEquals(200, client.readiness().statusCode(), "ready again once space returned");
            assertFalse(sandbox.output().contains("Unexpected failure"), "a full disk is not logged as a bug");
        } finally {
            run("umount", MOUNT.toString());
        }
    }

    /** Takes all free space on the filesystem of {@code filler} but {@code leave} bytes. */
    private static void fillLeaving(Path filler, long leave) throws IOException {
        long free = Files.getFileStore(filler.getParent()).getUsableSpace();
        try (RandomAccessFile file = new RandomAccessFile(filler.toFile(), "rw")) {
            byte[] chunk = new byte[64 * 1024];
            for (long written = 0; written < free - leave; written += chunk.length) {
                file.write(chunk, 0, (int) Math.min(chunk.length, free - leave - written));
            }
        }
    }

    private static List<Path> blobs(Path storage) throws IOException {
        try (Stream<Path> files = Files.walk(storage.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static List<Path> list(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        if (!done) {
            System.out.println(String.join(" ", command) + ": " + output);
        }
        return done;
    }
}
