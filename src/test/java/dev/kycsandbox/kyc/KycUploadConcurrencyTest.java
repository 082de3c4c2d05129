package dev.kycsandbox.kyc;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.kycsandbox.sandbox.SandboxResource;
import dev.kycsandbox.storage.BlobStore;
import dev.kycsandbox.support.Api;
import dev.kycsandbox.support.Documents;
import dev.kycsandbox.support.RawHttp;
import dev.kycsandbox.support.RawHttp.Framing;
import dev.kycsandbox.support.Storage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Real concurrent HTTP requests against the test server on loopback: uploads into one slot, and
 * uploads racing an admin decision. Outcomes are checked by their order of happening, never by time.
 */
@QuarkusTest
class KycUploadConcurrencyTest {

    private static final int THREADS = 8;
    private static final int UPLOADS_INTO_ONE_SLOT = 12;
    private static final int RACE_ROUNDS = 5;
    private static final int RACING_UPLOADS = 12;
    /** Uploads sent once the decision's 200 was received: they must all be refused. */
    private static final int LATE_UPLOADS = 2;
    private static final long WAIT_SECONDS = 60;
    private static final int REWRITES = 40;

    @Inject
    KycService kyc;

    @Inject
    BlobStore blobStore;

    @ConfigProperty(name = "sandbox.storage.root")
    Path storageRoot;

    private Storage storage;
    private ExecutorService pool;
    private String token;

    @BeforeEach
    void startClients() {
        storage = Storage.at(storageRoot);
        token = Api.token();
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stopClients() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), "client threads stopped");
        storage.assertNoIncomingFiles();
    }

    @Test
    void shouldKeepExactlyOneOfConcurrentUploadsIntoOneSlot() throws Exception {
        String customerId = Api.newCustomer(token, "WaitReview");
        String slot = Api.kycSlots(token, customerId).get(0);
        Set<Path> blobsBefore = storage.blobFiles();

        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < UPLOADS_INTO_ONE_SLOT; i++) {
            contents.add(Documents.png(100 + i));
        }
        assertEquals(UPLOADS_INTO_ONE_SLOT, contents.stream().map(Documents::sha256).distinct().count(),
                "every upload sends different content");

        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (byte[] content : contents) {
            futures.add(pool.submit(() -> {
                go.await();
                return upload(customerId, slot, content, false);
            }));
        }
        go.countDown();
        List<Outcome> outcomes = collect(futures);

        Set<String> accepted = new HashSet<>();
        for (Outcome outcome : outcomes) {
            if (outcome.status() == 200) {
                assertEquals("0", outcome.code(), outcome.body());
                accepted.add(outcome.sha256());
            } else {
                // a failure is allowed only as an error envelope, never as a server error
                assertTrue(outcome.status() >= 400 && outcome.status() < 500, outcome.toString());
                assertTrue(outcome.isEnvelope(), outcome.toString());
            }
        }
        assertFalse(accepted.isEmpty(), "at least one upload succeeded");

        String stored = assertStoredFileIsConsistent(slot);
        assertTrue(accepted.contains(stored), "the stored file is one that got a 200");
        Set<Path> expected = new HashSet<>(blobsBefore);
        expected.add(blobFileOf(slot));
        assertEquals(expected, storage.blobFiles(), "one blob remains for the slot: superseded ones are deleted");
    }

    /**
     * Uploads that arrive together share a group commit; each is still answered on its own:
     * refusals (a decided session, an unknown slot, an empty file) fail only themselves.
     */
    @Test
    void shouldAnswerEachUploadOfAGroupCommitOnItsOwn() throws Exception {
        String decided = Api.newCustomer(token, "WaitReview");
        String decidedSlot = Api.readyForReview(token, decided).get(0);
        Api.decide(decided, "APPROVED").statusCode(200);
        List<String[]> open = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String customerId = Api.newCustomer(token, "WaitReview");
            Api.kycSlots(token, customerId).forEach(slot -> open.add(new String[] { customerId, slot }));
        }

        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome>> stored = new ArrayList<>();
        List<Future<Outcome>> completed = new ArrayList<>();
        List<Future<Outcome>> unknown = new ArrayList<>();
        List<Future<Outcome>> empty = new ArrayList<>();
        for (int i = 0; i < open.size(); i++) {
            String[] target = open.get(i);
            byte[] content = Documents.png(300 + i);
            stored.add(pool.submit(() -> {
                go.await();
                return upload(target[0], target[1], content, false);
            }));
            completed.add(pool.submit(() -> {
                go.await();
                return upload(decided, decidedSlot, Documents.png(400), false);
            }));
            unknown.add(pool.submit(() -> {
                go.await();
                return upload(target[0], Api.unknownDocumentId(), Documents.png(401), false);
            }));
            empty.add(pool.submit(() -> {
                go.await();
                return upload(target[0], target[1], new byte[0], false);
            }));
        }
        go.countDown();

        for (Outcome outcome : collect(stored)) {
            assertEquals(200, outcome.status(), outcome.toString());
        }
        collect(completed).forEach(outcome -> assertEquals("kycCompleted", outcome.code(), outcome.toString()));
        collect(unknown).forEach(outcome -> assertEquals("documentNotFound", outcome.code(), outcome.toString()));
        collect(empty).forEach(outcome -> assertEquals("badRequest", outcome.code(), outcome.toString()));
        for (String[] target : open) {
            assertStoredFileIsConsistent(target[1]);
        }
    }

    @Test
    void shouldNeverAcceptAnUploadAfterADecisionItRaced() throws Exception {
        for (int round = 0; round < RACE_ROUNDS; round++) {
            raceUploadsAgainstDecision(round);
        }
    }

    private void raceUploadsAgainstDecision(int round) throws Exception {
        String customerId = Api.newCustomer(token, "WaitReview");
        List<String> slots = Api.readyForReview(token, customerId);
        Set<Path> blobsBefore = new HashSet<>(storage.blobFiles());
        for (String slot : slots) {
            blobsBefore.remove(blobFileOf(slot)); // these may be superseded by the race
        }
        // what each slot held before the race: its upload got a 200 too
        List<Set<String>> acceptedPerSlot = new ArrayList<>();
        for (String slot : slots) {
            Set<String> accepted = new HashSet<>();
            accepted.add(assertStoredFileIsConsistent(slot));
            acceptedPerSlot.add(accepted);
        }

        AtomicBoolean decided = new AtomicBoolean();
        CountDownLatch someUploadsStarted = new CountDownLatch(THREADS / 2);
        List<Future<Outcome>> uploads = new ArrayList<>();
        for (int i = 0; i < RACING_UPLOADS; i++) {
            String slot = slots.get(i % slots.size());
            byte[] content = Documents.png(raceSeed(round, i));
            uploads.add(pool.submit(() -> {
                someUploadsStarted.countDown();
                return upload(customerId, slot, content, decided.get());
            }));
        }
        ExecutorService decider = Executors.newSingleThreadExecutor();
        Future<HttpResponse<byte[]>> decision;
        try {
            decision = decider.submit(() -> {
                someUploadsStarted.await();
                HttpResponse<byte[]> response = RawHttp.decide(customerId, "APPROVED");
                if (response.statusCode() == 200) {
                    decided.set(true); // from here on, an upload that starts must be refused
                }
                return response;
            });
            HttpResponse<byte[]> decisionResponse = decision.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(200, decisionResponse.statusCode(), new String(decisionResponse.body(), StandardCharsets.UTF_8));
            assertEquals("APPROVED", RawHttp.json(decisionResponse).path("data").path("kyc").path("status").asText());
        } finally {
            decider.shutdownNow();
        }
        for (int i = 0; i < LATE_UPLOADS; i++) {
            String slot = slots.get(i % slots.size());
            byte[] content = Documents.png(raceSeed(round, RACING_UPLOADS + i));
            uploads.add(pool.submit(() -> upload(customerId, slot, content, decided.get())));
        }
        List<Outcome> outcomes = collect(uploads);

        int late = 0;
        for (Outcome outcome : outcomes) {
            boolean refused = outcome.status() == 400 && "kycCompleted".equals(outcome.code());
            assertTrue(outcome.status() == 200 || refused, "200 or kycCompleted only: " + outcome);
            if (outcome.startedAfterDecision()) {
                late++;
                assertTrue(refused, "an upload started after the decision was answered is refused: " + outcome);
            }
            if (outcome.status() == 200) {
                acceptedPerSlot.get(slots.indexOf(outcome.slot())).add(outcome.sha256());
            }
        }
        assertTrue(late >= LATE_UPLOADS, "round " + round + ": some uploads started after the decision");

        Api.kycStatus(token, customerId).statusCode(200).body("data.kyc.status", equalTo("APPROVED"));
        Set<Path> expected = new HashSet<>(blobsBefore);
        for (int i = 0; i < slots.size(); i++) {
            String stored = assertStoredFileIsConsistent(slots.get(i));
            assertTrue(acceptedPerSlot.get(i).contains(stored), "round " + round + ": slot " + i
                    + " holds a file whose upload got a 200");
            expected.add(blobFileOf(slots.get(i)));
        }
        assertEquals(expected, storage.blobFiles(), "round " + round + ": no orphan blob files");
    }

    // ---- helpers ------------------------------------------------------------------------------

    /**
     * A PNG seed unique to this upload of this round, apart from the seeds {@link Api#readyForReview}
     * uses (2, 3); {@link Documents#png} gives distinct files for seeds below 256.
     */
    private static int raceSeed(int round, int upload) {
        return 20 + round * (RACING_UPLOADS + LATE_UPLOADS) + upload;
    }

    /** One upload's result; {@code startedAfterDecision} was read just before it was sent. */
    private record Outcome(String slot, String sha256, boolean startedAfterDecision, int status, String code,
            String body) {

        boolean isEnvelope() {
            return code != null;
        }
    }

    private Outcome upload(String customerId, String slot, byte[] content, boolean startedAfterDecision)
            throws Exception {
        HttpResponse<byte[]> response = RawHttp.upload(token, customerId, slot, content, Framing.CONTENT_LENGTH);
        JsonNode json = RawHttp.json(response);
        // an envelope has a code and a 32-hex requestId
        String code = json != null && json.hasNonNull("code") && json.path("requestId").asText().matches("^[0-9a-f]{32}$")
                ? json.get("code").asText() : null;
        return new Outcome(slot, Documents.sha256(content), startedAfterDecision, response.statusCode(), code,
                new String(response.body(), StandardCharsets.UTF_8));
    }

    private static <T> List<T> collect(List<Future<T>> futures) throws Exception {
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
        return results;
    }

    /**
     * Downloads the slot's file and checks that the bytes and the row agree: the SHA-256
     * recomputed from the bytes is the one the row keeps. Returns it.
     */
    private static String assertStoredFileIsConsistent(String slot) {
        Response content = Api.content(slot);
        assertEquals(200, content.statusCode(), content.asString());
        String recomputed = Documents.sha256(content.asByteArray());
        assertEquals(recomputed, content.header("x-content-sha256"), "row and file agree");
        return recomputed;
    }

    private Path blobFileOf(String slot) {
        String blobId = kyc.storedFile(slot).orElseThrow(() -> new AssertionError("slot " + slot + " holds no file")).id();
        return blobStore.pathOf(blobId).toAbsolutePath().normalize();
    }

    /**
     * A download racing re-uploads of its slot: each superseded file is deleted once the next
     * upload commits, possibly between the download reading the row and opening the file. Every
     * download must still succeed and carry bytes that match its own {@code x-content-sha256}.
     */
    @Test
    void shouldServeWholeConsistentDownloadsWhileTheSlotIsRewritten() throws Exception {
        String customerId = Api.newCustomer(token);
        String slot = Api.kycSlots(token, customerId).get(0);
        Api.upload(token, customerId, slot, Documents.png(100)).statusCode(200);
        AtomicBoolean uploading = new AtomicBoolean(true);
        Future<?> writer = pool.submit(() -> {
            try {
                for (int i = 0; i < REWRITES; i++) {
                    assertEquals(200, RawHttp.upload(token, customerId, slot, Documents.png(101 + i), Framing.CONTENT_LENGTH)
                            .statusCode());
                }
            } finally {
                uploading.set(false);
            }
            return null;
        });
        int downloads = 0;
        while (uploading.get() || downloads == 0) {
            HttpResponse<byte[]> content = RawHttp.content(slot);
            assertEquals(200, content.statusCode(), new String(content.body(), StandardCharsets.UTF_8));
            assertEquals(content.headers().firstValue(SandboxResource.SHA256_HEADER).orElseThrow(),
                    Documents.sha256(content.body()));
            downloads++;
        }
        writer.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(downloads > 0);
    }
}
