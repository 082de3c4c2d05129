package dev.kycsandbox.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.kycsandbox.support.Documents;

/**
 * The crash harness: concurrent uploads and admin decisions against the packaged sandbox, legacy
 * and Akepa alike, which is killed with SIGKILL at a random moment and started again, cycle after
 * cycle. After each restart every upload that got a 200 is there with its SHA-256 (or, for the
 * one upload per slot or document in flight at the kill, the newer file), every decision that got
 * a 200 holds (and no upload into its documents was stored after it), every row has its whole
 * file, and the start-up sweep left no spooled upload and no orphan blob.
 * <p>
 * Random faults are on for the writers' uploads: a rule per writer fails some of its uploads
 * before anything is stored (503) and some after the upload was stored and committed (500,
 * "stored, then failed"). A stored-then-failed upload is kept like an acknowledged one; one failed
 * before storing never replaces the slot's file.
 * <p>
 * 3 cycles in every build; 20 with {@code -Dreliability.full=true} ({@code -Preliability}). The kill
 * moments are seeded: the seed is printed, and {@code -Dcrash.seed=<seed>} replays the schedule.
 */
class CrashDurabilityIT {

    @RegisterExtension
    static final SandboxWorkDir WORK = new SandboxWorkDir("crash-it");
    private static final Path WORK_DIR = WORK.path();
    private static final Path STORAGE = WORK_DIR.resolve("data/storage");
    private static final int CYCLES = Boolean.getBoolean("reliability.full") ? 20 : 3;
    private static final int WRITERS = 4;
    /** A single instance: the sweep may take every leftover at start-up, however fresh. */
    private static final Map<String, String> SINGLE_INSTANCE = Map.of("SANDBOX_STORAGE_SWEEP_GRACE", "0s");
    private static final int MIN_RUN_MILLIS = 300;
    private static final int MAX_EXTRA_RUN_MILLIS = 2500;

    /** Per slot: the SHA-256 of the last upload that got a 200, and of the one in flight, if any. */
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, String> inFlight = new ConcurrentHashMap<>();
    /** Per decided customer: the status its decision's 200 reported. */
    private final Map<String, String> decided = new ConcurrentHashMap<>();
    /** Per decided customer: the slot that must stay empty, since every upload into it came after the decision. */
    private final Map<String, String> refusedSlot = new ConcurrentHashMap<>();
    /** Per customer whose Akepa application got a decision's 200: its outcome. */
    private final Map<String, String> decidedApplications = new ConcurrentHashMap<>();
    private final List<String> unexpected = new ArrayList<>();
    private final AtomicInteger acknowledgedUploads = new AtomicInteger();
    private final AtomicInteger refusedAfterDecision = new AtomicInteger();
    private final AtomicInteger storedThenFailed = new AtomicInteger();
    private final AtomicInteger failedBeforeStoring = new AtomicInteger();

    @Test
    void shouldKeepEveryAcknowledgedUploadAndDecisionAcrossRandomKills() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.printf("CrashDurabilityIT: seed %d, %d cycles (replay with -Dcrash.seed=%d)%n", seed, CYCLES, seed);
        Random schedule = new Random(seed);
        int slotsChecked = 0;
        int rowsChecked = 0;
        int inFlightAtKills = 0;
        SandboxProcess sandbox = SandboxProcess.start(WORK_DIR, "cycle-0", SINGLE_INSTANCE);
        try {
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                SandboxClient client = new SandboxClient(sandbox);
                List<Runnable> load = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    SandboxClient.Customer customer = client.newCustomerInKyc("crash" + cycle + "w" + w + "s" + seed);
                    injectRandomFaults(client, customer.id()); // rules live in the process: each cycle's own
                    Random random = new Random(schedule.nextLong());
                    load.add(() -> uploadUntilKilled(client, customer, random));
                }
                SandboxClient.Customer toDecide = client.newCustomerInKyc("crash" + cycle + "d" + "s" + seed);
                String outcome = schedule.nextBoolean() ? "APPROVED" : "REJECTED";
                Random deciderRandom = new Random(schedule.nextLong());
                load.add(() -> decideThenUploadUntilKilled(client, toDecide, outcome, deciderRandom));
                Random akepaRandom = new Random(schedule.nextLong());
                SandboxClient.AkepaCustomer akepaWriter = client.newAkepaApplicationInReview(
                        "crash" + cycle + "a" + "s" + seed, 2, d -> document(akepaRandom));
                akepaWriter.documents().forEach(d -> acknowledged.put(d, storedSha256(client, d)));
                load.add(() -> uploadAkepaUntilKilled(client, akepaWriter, akepaRandom));
                Random akepaDeciderRandom = new Random(schedule.nextLong());
                SandboxClient.AkepaCustomer akepaToDecide = client.newAkepaApplicationInReview(
                        "crash" + cycle + "ad" + "s" + seed, 2, d -> document(akepaDeciderRandom));
                akepaToDecide.documents().forEach(d -> acknowledged.put(d, storedSha256(client, d)));
                String akepaOutcome = schedule.nextBoolean() ? "Approved" : "Denied";
                load.add(() -> decideAkepaThenUploadUntilKilled(client, akepaToDecide, akepaOutcome, akepaDeciderRandom));

                ExecutorService threads = Executors.newFixedThreadPool(load.size());
                List<Future<?>> running = load.stream().<Future<?>> map(threads::submit).toList();
                Thread.sleep(MIN_RUN_MILLIS + schedule.nextInt(MAX_EXTRA_RUN_MILLIS));
                sandbox.kill();
                for (Future<?> task : running) {
                    task.get(SandboxClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                }
                threads.shutdown();
                inFlightAtKills += inFlight.size();

                sandbox = SandboxProcess.start(WORK_DIR, "cycle-" + cycle, SINGLE_INSTANCE);
                slotsChecked += assertAcknowledgedUploadsKept(new SandboxClient(sandbox));
                assertDecisionsKept(new SandboxClient(sandbox));
                try (Connection database = databaseOf(sandbox)) {
                    rowsChecked = StoredFiles.assertEveryRowHasItsWholeFile(database, STORAGE);
                    StoredFiles.assertNoLeftovers(database, STORAGE);
                }
                synchronized (unexpected) {
                    assertEquals(List.of(), unexpected, "unexpected answers in cycle " + cycle);
                }
            }
        } finally {
            sandbox.close();
        }
        System.out.printf("CrashDurabilityIT: seed %d, %d kill/restart cycles survived, %d uploads acknowledged,"
                + " %d slot checks after restarts, %d uploads in flight at a kill, %d decisions kept, %d uploads refused"
                + " after a decision, %d rows checked against their files at the end; faults: %d uploads stored, then"
                + " failed, %d failed before storing%n", seed, CYCLES,
                acknowledgedUploads.get(), slotsChecked, inFlightAtKills, decided.size() + decidedApplications.size(),
                refusedAfterDecision.get(), rowsChecked, storedThenFailed.get(), failedBeforeStoring.get());
        assertTrue(storedThenFailed.get() > 0 && failedBeforeStoring.get() > 0, "the random faults fired");
    }

    /** One writer per customer, so each slot has at most one upload in flight when the kill comes. */
    private void uploadUntilKilled(SandboxClient client, SandboxClient.Customer customer, Random random) {
        while (true) {
            String slot = customer.slots().get(random.nextInt(customer.slots().size()));
            byte[] content = document(random);
            String sha256 = Documents.sha256(content);
            inFlight.put(slot, sha256);
            HttpResponse<byte[]> answer;
            try {
                answer = client.upload(customer.id(), slot, content);
            } catch (IOException | InterruptedException killed) {
                return;
            }
            inFlight.remove(slot);
            String fault = answer.headers().firstValue("x-sandbox-fault").orElse(null);
            if (answer.statusCode() == 200 || (fault != null && answer.statusCode() == 500)) {
                acknowledged.put(slot, sha256); // stored, then failed: as kept as an acknowledged upload
                (answer.statusCode() == 200 ? acknowledgedUploads : storedThenFailed).getAndIncrement();
            } else if (fault != null && answer.statusCode() == 503) {
                failedBeforeStoring.incrementAndGet();
            } else {
                unexpected(answer);
            }
        }
    }

    /** On the writer's uploads: 503 before anything is stored, or 500 once the upload is stored and committed. */
    private static void injectRandomFaults(SandboxClient client, String customerId) throws IOException, InterruptedException {
        client.createFault(Map.of("route", "POST /customer/kyc/upload/*", "customerId", customerId, "probability", 0.1,
                "action", "error", "status", 503));
        client.createFault(Map.of("route", "POST /customer/kyc/upload/*", "customerId", customerId, "probability", 0.1,
                "action", "error", "storedThenFailed", true));
    }

    /** Fills the first slot, decides, then keeps trying the second slot: every such upload must be refused. */
    private void decideThenUploadUntilKilled(SandboxClient client, SandboxClient.Customer customer, String outcome,
            Random random) {
        try {
            byte[] first = document(random);
            inFlight.put(customer.slots().get(0), Documents.sha256(first));
            HttpResponse<byte[]> uploaded = client.upload(customer.id(), customer.slots().get(0), first);
            inFlight.remove(customer.slots().get(0));
            if (uploaded.statusCode() != 200) {
                unexpected(uploaded);
                return;
            }
            acknowledged.put(customer.slots().get(0), Documents.sha256(first));
            acknowledgedUploads.incrementAndGet();
            HttpResponse<byte[]> decision = client.decide(customer.id(), outcome);
            if (decision.statusCode() != 200) {
                unexpected(decision);
                return;
            }
            decided.put(customer.id(), outcome);
            refusedSlot.put(customer.id(), customer.slots().get(1));
            while (true) {
                HttpResponse<byte[]> late = client.upload(customer.id(), customer.slots().get(1), document(random));
                if (late.statusCode() == 400
                        && "kycCompleted".equals(SandboxClient.json(late).path("code").asText())) {
                    refusedAfterDecision.incrementAndGet();
                } else {
                    unexpected(late);
                }
            }
        } catch (IOException | InterruptedException killed) {
            // the kill came
        }
    }

    /** One writer per application, overwriting its attached documents (still open: it waits for review). */
    private void uploadAkepaUntilKilled(SandboxClient client, SandboxClient.AkepaCustomer customer, Random random) {
        while (true) {
            String document = customer.documents().get(random.nextInt(customer.documents().size()));
            byte[] content = document(random);
            String sha256 = Documents.sha256(content);
            inFlight.put(document, sha256);
            HttpResponse<byte[]> answer;
            try {
                answer = client.uploadAkepa(document, content);
            } catch (IOException | InterruptedException killed) {
                return;
            }
            inFlight.remove(document);
            if (answer.statusCode() == 200) {
                acknowledged.put(document, sha256);
                acknowledgedUploads.incrementAndGet();
            } else {
                unexpected(answer);
            }
        }
    }

    /**
     * Decides the application, then keeps trying to overwrite its documents: every such upload must
     * be refused, so after any restart they still hold what they held before the decision.
     */
    private void decideAkepaThenUploadUntilKilled(SandboxClient client, SandboxClient.AkepaCustomer customer,
            String outcome, Random random) {
        try {
            HttpResponse<byte[]> decision = client.akepaDecide(customer.id(), outcome);
            if (decision.statusCode() != 200) {
                unexpected(decision);
                return;
            }
            decidedApplications.put(customer.id(), outcome);
            while (true) {
                String document = customer.documents().get(random.nextInt(customer.documents().size()));
                HttpResponse<byte[]> late = client.uploadAkepa(document, document(random));
                if (late.statusCode() == 400
                        && "applicationCompleted".equals(SandboxClient.json(late).path("code").asText())) {
                    refusedAfterDecision.incrementAndGet();
                } else {
                    unexpected(late);
                }
            }
        } catch (IOException | InterruptedException killed) {
            // the kill came
        }
    }

    /** The SHA-256 the sandbox reports for a document it stored. */
    private static String storedSha256(SandboxClient client, String documentId) {
        try {
            HttpResponse<byte[]> stored = client.content(documentId);
            assertEquals(200, stored.statusCode(), documentId);
            return Documents.sha256(stored.body());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot read " + documentId, e);
        }
    }

    private int assertAcknowledgedUploadsKept(SandboxClient client) throws IOException, InterruptedException {
        int checked = 0;
        for (String slot : new ArrayList<>(acknowledged.keySet())) {
            HttpResponse<byte[]> stored = client.content(slot);
            assertEquals(200, stored.statusCode(), slot + ": " + new String(stored.body()));
            String sha256 = Documents.sha256(stored.body());
            assertEquals(sha256, stored.headers().firstValue("x-content-sha256").orElse(null), slot);
            Optional<String> newer = Optional.ofNullable(inFlight.remove(slot));
            assertTrue(sha256.equals(acknowledged.get(slot)) || newer.filter(sha256::equals).isPresent(),
                    slot + " holds " + sha256 + ", not the acknowledged " + acknowledged.get(slot)
                            + newer.map(n -> " nor the one in flight " + n).orElse(""));
            acknowledged.put(slot, sha256);
            checked++;
        }
        inFlight.clear(); // uploads in flight into empty slots: either outcome is right
        return checked;
    }

    private void assertDecisionsKept(SandboxClient client) throws IOException, InterruptedException {
        for (Map.Entry<String, String> decision : decided.entrySet()) {
            HttpResponse<byte[]> status = client.status(decision.getKey());
            assertEquals(decision.getValue(), SandboxClient.json(status).path("data").path("kyc").path("status").asText(),
                    decision.getKey());
            assertEquals(404, client.content(refusedSlot.get(decision.getKey())).statusCode(),
                    "an upload was stored after the decision on " + decision.getKey());
        }
        // the documents of decided applications hold their pre-decision files: assertAcknowledgedUploadsKept
        for (Map.Entry<String, String> decision : decidedApplications.entrySet()) {
            JsonNode application = SandboxClient.json(client.akepaStatus(decision.getKey())).path("data");
            assertEquals("completed", application.path("status").asText(), decision.getKey());
            assertEquals(decision.getValue(), application.path("outcome").asText(), decision.getKey());
        }
    }

    private void unexpected(HttpResponse<byte[]> answer) {
        synchronized (unexpected) {
            unexpected.add(answer.uri().getPath() + " " + answer.statusCode() + " " + new String(answer.body()));
        }
    }

    private static Connection databaseOf(SandboxProcess sandbox) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + sandbox.databasePort() + "/postgres",
                "postgres", "postgres");
    }

    /** A PNG of 1 KiB to 256 KiB, its bytes from {@code random}: large enough for kills to land mid-body. */
    static byte[] document(Random random) {
        byte[] content = new byte[1024 + random.nextInt(255 * 1024)];
        random.nextBytes(content);
        System.arraycopy(Documents.png(1), 0, content, 0, 8);
        return content;
    }
}
