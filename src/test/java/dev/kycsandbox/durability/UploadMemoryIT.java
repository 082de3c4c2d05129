package dev.kycsandbox.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.kycsandbox.support.Documents;

/**
 * Uploads stream to disk, never through the heap: 20 concurrent 10 MiB uploads (200 MiB) all
 * succeed in a sandbox whose heap is capped at 96 MiB, which buffering them could not do. The
 * heap in use, sampled from {@code /q/metrics} throughout, is printed as the run's figure.
 */
class UploadMemoryIT {

    @RegisterExtension
    static final SandboxWorkDir WORK = new SandboxWorkDir("upload-memory-it");
    private static final Path WORK_DIR = WORK.path();
    private static final int UPLOADS = 20;
    private static final int SIZE = 10 * 1024 * 1024;
    /** On the command line: the JVM and the native executable both take it. */
    private static final String MAX_HEAP = "-Xmx96m";

    @Test
    void shouldStoreTwentyConcurrentTenMegabyteUploadsWithinASmallHeap() throws Exception {
        try (SandboxProcess sandbox = SandboxProcess.start(WORK_DIR, "sandbox", Map.of(), List.of(MAX_HEAP))) {
            SandboxClient client = new SandboxClient(sandbox);
            List<SandboxClient.Customer> customers = new ArrayList<>();
            for (int i = 0; i < UPLOADS / 2; i++) {
                customers.add(client.newCustomerInKyc("memory" + i));
            }
            byte[] document = Documents.pngOfSize(SIZE);
            long before = heapUsed(client);
            AtomicLong peak = new AtomicLong(before);
            AtomicBoolean uploading = new AtomicBoolean(true);
            ExecutorService threads = Executors.newFixedThreadPool(UPLOADS + 1);
            Future<?> sampler = threads.submit(() -> {
                while (uploading.get()) {
                    peak.accumulateAndGet(heapUsed(client), Math::max);
                    Thread.sleep(100);
                }
                return null;
            });
            List<Future<HttpResponse<byte[]>>> uploads = new ArrayList<>();
            long started = System.nanoTime();
            for (SandboxClient.Customer customer : customers) {
                for (String slot : customer.slots()) {
                    uploads.add(threads.submit(() -> client.upload(customer.id(), slot, document)));
                }
            }
            for (Future<HttpResponse<byte[]>> upload : uploads) {
                HttpResponse<byte[]> answer = upload.get(5, TimeUnit.MINUTES);
                assertEquals(200, answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8));
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            uploading.set(false);
            sampler.get(1, TimeUnit.MINUTES);
            threads.shutdown();
            for (SandboxClient.Customer customer : customers) {
                for (String slot : customer.slots()) {
                    assertEquals(Documents.sha256(document),
                            client.content(slot).headers().firstValue("x-content-sha256").orElseThrow());
                }
            }
            System.out.printf("UploadMemoryIT: %d concurrent uploads of %d bytes stored in %d ms with %s; heap used"
                    + " %d MiB before, peak %d MiB while uploading%n", UPLOADS, SIZE, millis, MAX_HEAP,
                    before >> 20, peak.get() >> 20);
            assertFalse(sandbox.output().contains("OutOfMemoryError"), "no allocation failure, however brief");
        }
    }

    /** The sum of {@code jvm_memory_used_bytes{area="heap",…}} as the sandbox reports it. */
    private static long heapUsed(SandboxClient client) throws Exception {
        String metrics = new String(client.get("/q/metrics").body(), StandardCharsets.UTF_8);
        double used = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                used += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) used;
    }
}
