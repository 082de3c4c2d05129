package dev.kycsandbox.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.kycsandbox.support.Documents;

/**
 * Many threads mixing uploads into the same slots, admin decisions, document links, separate
 * document overwrites, Akepa document uploads and Akepa admin decisions, status and content reads, against one sandbox or two sharing one
 * PostgreSQL and one blob root (the scale-out layout; the second starts, and sweeps, while the
 * first is under load). Then the invariants: no 5xx and no unexpected refusal; the run ends
 * within its bound (no deadlock); no upload accepted once its session's (or its Akepa
 * application's) decision was answered; every row has its whole file, every slot and Akepa
 * document holds a file some request got a 200 for, and no file is left without a row.
 * <p>
 * With random faults on, each instance also has fault rules firing at random: errors before
 * anything is stored, errors and connection resets after the upload was stored and committed
 * ("stored, then failed"), latency. The invariants hold with them: a faulted answer names its
 * rule, an upload failed after storing counts as accepted (it was), one failed before storing is
 * never found stored, and no fault corrupts or loses a file.
 * <p>
 * Every build runs two instances without faults and one with them; {@code -Dreliability.full=true}
 * runs one and two instances each way, with more threads and operations.
 */
class ConcurrencyTortureIT {

    @RegisterExtension
    static final SandboxWorkDir WORK = new SandboxWorkDir("torture-it");
    private static final Path WORK_DIR = WORK.path();
    private static final boolean FULL = Boolean.getBoolean("reliability.full");
    private static final int THREADS = FULL ? 16 : 8;
    private static final int OPERATIONS = FULL ? 4000 : 600;
    private static final Duration BOUND = Duration.ofMinutes(FULL ? 15 : 4);
    private static final int CUSTOMERS = 6;
    private static final int DECIDABLE = 3;
    private static final int SEPARATE_DOCUMENTS = 3;
    /** Akepa applications waiting for review, each with two attached documents uploads keep overwriting. */
    private static final int AKEPA_APPLICATIONS = 3;

    private final Map<String, Set<String>> acceptedBySlot = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> acceptedBySeparateDocument = new ConcurrentHashMap<>();
    /** Per customer: when the first decision's 200 arrived (System.nanoTime). */
    private final Map<String, Long> decidedAt = new ConcurrentHashMap<>();
    /** Per customer: when each accepted upload was sent. */
    private final Map<String, List<Long>> uploadsSentAt = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    /** Per fault rule id: whether the request it fails was stored first. */
    private final Map<String, Boolean> storedFirstByRule = new ConcurrentHashMap<>();
    private volatile boolean faults;

    static Stream<Arguments> layouts() {
        return FULL ? Stream.of(Arguments.of(1, false), Arguments.of(2, false), Arguments.of(1, true), Arguments.of(2, true))
                : Stream.of(Arguments.of(2, false), Arguments.of(1, true));
    }

    @ParameterizedTest(name = "{0} instance(s), random faults {1}")
    @MethodSource("layouts")
    void shouldKeepTheInvariantsUnderMixedConcurrentLoad(int instances, boolean withFaults) throws Exception {
        faults = withFaults;
        long seed = Long.getLong("torture.seed", System.nanoTime());
        System.out.printf("ConcurrencyTortureIT: seed %d, %d instance(s), random faults %s, %d threads, %d operations once all are up%n",
                seed, instances, withFaults, THREADS, OPERATIONS);
        Path run = WORK_DIR.resolve("instances-" + instances + (withFaults ? "-faults" : ""));
        Path storage = run.resolve("shared-storage");
        List<SandboxProcess> sandboxes = new CopyOnWriteArrayList<>();
        try (ExternalPostgres postgres = ExternalPostgres.start(run.resolve("postgres"))) {
            Map<String, String> environment = new HashMap<>(postgres.sandboxEnvironment());
            environment.put("SANDBOX_STORAGE_ROOT", storage.toString());
            sandboxes.add(SandboxProcess.start(run, "a", environment));
            List<SandboxClient> clients = new CopyOnWriteArrayList<>(List.of(new SandboxClient(sandboxes.get(0))));
            // the set-up below runs before the faults: it needs its answers
            List<SandboxClient.Customer> customers = new ArrayList<>();
            for (int i = 0; i < CUSTOMERS; i++) {
                customers.add(clients.get(0).newCustomerInKyc("torture" + instances + "c" + i + "s" + seed));
            }
            List<SandboxClient.AkepaCustomer> akepa = new ArrayList<>();
            for (int i = 0; i < AKEPA_APPLICATIONS; i++) {
                int application = i;
                SandboxClient.AkepaCustomer customer = clients.get(0).newAkepaApplicationInReview(
                        "torture" + instances + "a" + i + "s" + seed, 2, d -> Documents.png(200 + 10 * application + d));
                for (int d = 0; d < customer.documents().size(); d++) {
                    accepted(acceptedBySlot, customer.documents().get(d), Documents.sha256(Documents.png(200 + 10 * i + d)));
                }
                akepa.add(customer);
            }
            List<String> separateDocuments = new ArrayList<>();
            for (int i = 0; i < SEPARATE_DOCUMENTS; i++) {
                byte[] content = Documents.png(100 + i);
                String id = clients.get(0).separateDocument(content);
                accepted(acceptedBySeparateDocument, id, Documents.sha256(content));
                separateDocuments.add(id);
            }

            if (withFaults) {
                injectRandomFaults(clients.get(0));
            }
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            AtomicInteger budget = new AtomicInteger(OPERATIONS);
            Random seeds = new Random(seed);
            long started = System.nanoTime();
            List<Future<?>> workers = IntStream.range(0, THREADS).mapToObj(t -> new Random(seeds.nextLong()))
                    .<Future<?>> map(random -> threads.submit(() -> work(random, clients, customers, akepa,
                            separateDocuments, budget, instances)))
                    .toList();
            if (instances == 2) {
                // the second instance starts, and runs its start-up sweep, while the first is under load
                sandboxes.add(SandboxProcess.start(run, "b", environment));
                SandboxClient second = new SandboxClient(sandboxes.get(1));
                if (withFaults) {
                    injectRandomFaults(second);
                }
                clients.add(second);
            }
            for (Future<?> worker : workers) {
                worker.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            }
            threads.shutdown();
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertEquals(List.of(), failures, "unexpected answers");
            if (withFaults) {
                assertTrue(counts.keySet().stream().anyMatch(operation -> operation.contains("stored, then failed")),
                        "some uploads were failed after storing: " + counts);
            }
            assertNoUploadAcceptedAfterItsDecision();
            int rows;
            try (Connection database = postgres.connect()) {
                rows = StoredFiles.assertEveryRowHasItsWholeFile(database, storage);
                assertEverySlotHoldsAnAcceptedFile(database);
                StoredFiles.assertNoLeftovers(database, storage);
            }
            System.out.printf("ConcurrencyTortureIT: seed %d, %d instance(s), random faults %s: %d operations in %d ms %s,"
                    + " %d decisions, %d rows checked against their files, no 5xx but injected ones, no deadlock%n", seed,
                    instances, withFaults,
                    counts.values().stream().mapToInt(AtomicInteger::get).sum(), millis, counts, decidedAt.size(), rows);
        } finally {
            for (SandboxProcess sandbox : sandboxes) {
                sandbox.close();
            }
        }
    }

    /** Works while the second instance starts (and sweeps), then takes operations from the budget. */
    private void work(Random random, List<SandboxClient> clients, List<SandboxClient.Customer> customers,
            List<SandboxClient.AkepaCustomer> akepa, List<String> separateDocuments, AtomicInteger budget,
            int instances) {
        while (clients.size() < instances || budget.getAndDecrement() > 0) {
            SandboxClient client = clients.get(random.nextInt(clients.size()));
            SandboxClient.Customer customer = customers.get(random.nextInt(customers.size()));
            String slot = customer.slots().get(random.nextInt(customer.slots().size()));
            SandboxClient.AkepaCustomer akepaCustomer = akepa.get(random.nextInt(akepa.size()));
            String separateDocument = separateDocuments.get(random.nextInt(separateDocuments.size()));
            try {
                int dice = random.nextInt(100);
                if (dice < 36) {
                    upload(client, customer, slot, random);
                } else if (dice < 45) {
                    uploadAkepa(client, akepaCustomer, random);
                } else if (dice < 55) {
                    link(client, customer, slot, separateDocument);
                } else if (dice < 65) {
                    overwrite(client, separateDocument, random);
                } else if (dice < 84) {
                    HttpResponse<byte[]> answer = client.status(customer.id());
                    if (storedFirstIfFaulted("status", answer) == null) {
                        expect("status", answer, 200);
                    }
                } else if (dice < 87) {
                    expect("akepa status", client.akepaStatus(akepaCustomer.id()), 200);
                } else if (dice < 97) {
                    readContent(client, slot);
                } else if (dice < 99) {
                    decide(client, customers.get(random.nextInt(DECIDABLE)), random);
                } else {
                    decideAkepa(client, akepa.get(random.nextInt(DECIDABLE)), random);
                }
            } catch (IOException | InterruptedException e) {
                failures.add("request failed: " + e);
            }
        }
    }

    /**
     * Rules that fire at random on connectFi's API; the first that matches and fires applies. The
     * admin API (decisions, content reads) is never faulted.
     */
    private void injectRandomFaults(SandboxClient client) throws IOException, InterruptedException {
        for (String upload : List.of("POST /customer/kyc/upload/*", "POST /akepa/document/upload/*", "POST /document/upload/*")) {
            storedFirstByRule.put(client.createFault(Map.of("route", upload, "probability", 0.05, "action", "error",
                    "status", 503, "retryAfterSeconds", 1)), false);
            storedFirstByRule.put(client.createFault(Map.of("route", upload, "probability", 0.06, "action", "error",
                    "storedThenFailed", true)), true);
        }
        storedFirstByRule.put(client.createFault(Map.of("route", "POST /customer/kyc/upload/*", "probability", 0.04,
                "action", "reset", "storedThenFailed", true)), true);
        storedFirstByRule.put(client.createFault(Map.of("route", "POST /customer/kyc/document-link", "probability", 0.05,
                "action", "error", "status", 429)), false);
        storedFirstByRule.put(client.createFault(Map.of("route", "GET /customer/kyc/status/{customerId}", "probability", 0.05,
                "action", "error")), false);
        storedFirstByRule.put(client.createFault(Map.of("probability", 0.1, "action", "latency", "latencyMs", 1,
                "latencyMaxMs", 25)), false);
    }

    /**
     * Null unless {@code answer} is an error a rule injected, which names the rule; then whether
     * the rule lets the request be stored first, counted. A latency rule's answer, and a refusal
     * that a stored-then-failed rule left as it was (it fails successes only), are real answers.
     */
    private Boolean storedFirstIfFaulted(String operation, HttpResponse<byte[]> answer) {
        String rule = answer.headers().firstValue("x-sandbox-fault").orElse(null);
        int status = answer.statusCode();
        if (!faults || rule == null || (status != 500 && status != 503 && status != 429)) {
            return null;
        }
        Boolean storedFirst = storedFirstByRule.get(rule);
        JsonNode body = SandboxClient.json(answer);
        if (storedFirst == null || !body.path("message").asText().contains(rule)) {
            failures.add(operation + ": a fault naming an unknown rule: " + answer.statusCode() + " "
                    + new String(answer.body(), StandardCharsets.UTF_8));
            return null;
        }
        count(operation + (storedFirst ? " stored, then failed" : " faulted, nothing stored"));
        return storedFirst;
    }

    /**
     * Whether a failed upload is one whose connection a stored-then-reset rule cut, counted: it
     * was accepted and stored (the rule cuts successes only), but the client cannot know it.
     */
    private boolean resetAfterStoring(String operation) {
        if (!faults) {
            return false;
        }
        count(operation + " stored, then reset");
        return true;
    }

    private void upload(SandboxClient client, SandboxClient.Customer customer, String slot, Random random)
            throws IOException, InterruptedException {
        byte[] content = CrashDurabilityIT.document(random);
        long sent = System.nanoTime();
        HttpResponse<byte[]> answer;
        try {
            answer = client.upload(customer.id(), slot, content);
        } catch (IOException e) {
            if (!resetAfterStoring("upload")) {
                throw e;
            }
            accepted(acceptedBySlot, slot, Documents.sha256(content));
            uploadsSentAt.computeIfAbsent(customer.id(), c -> new CopyOnWriteArrayList<>()).add(sent);
            return;
        }
        Boolean storedFirst = storedFirstIfFaulted("upload", answer);
        if (storedFirst != null) {
            if (storedFirst) { // only a success is failed after storing: the upload was accepted
                accepted(acceptedBySlot, slot, Documents.sha256(content));
                uploadsSentAt.computeIfAbsent(customer.id(), c -> new CopyOnWriteArrayList<>()).add(sent);
            }
            return;
        }
        if (answer.statusCode() == 200) {
            accepted(acceptedBySlot, slot, Documents.sha256(content));
            uploadsSentAt.computeIfAbsent(customer.id(), c -> new CopyOnWriteArrayList<>()).add(sent);
            String status = SandboxClient.json(answer).path("data").path("kyc").path("status").asText();
            if (status.equals("APPROVED") || status.equals("REJECTED")) {
                failures.add("upload accepted into a " + status + " session: " + slot);
            }
            count("upload");
        } else {
            expectCompleted("upload", answer);
        }
    }

    /** Overwrites an attached document: accepted until its application's decision, then {@code applicationCompleted}. */
    private void uploadAkepa(SandboxClient client, SandboxClient.AkepaCustomer customer, Random random)
            throws IOException, InterruptedException {
        String document = customer.documents().get(random.nextInt(customer.documents().size()));
        byte[] content = CrashDurabilityIT.document(random);
        long sent = System.nanoTime();
        HttpResponse<byte[]> answer = client.uploadAkepa(document, content);
        Boolean storedFirst = storedFirstIfFaulted("akepa upload", answer);
        if (storedFirst != null) {
            if (storedFirst) {
                accepted(acceptedBySlot, document, Documents.sha256(content));
                uploadsSentAt.computeIfAbsent(customer.id(), c -> new CopyOnWriteArrayList<>()).add(sent);
            }
            return;
        }
        if (answer.statusCode() == 200) {
            accepted(acceptedBySlot, document, Documents.sha256(content));
            uploadsSentAt.computeIfAbsent(customer.id(), c -> new CopyOnWriteArrayList<>()).add(sent);
            count("akepa upload");
        } else {
            expectRefused("akepa upload", answer, "applicationCompleted");
        }
    }

    private void decideAkepa(SandboxClient client, SandboxClient.AkepaCustomer customer, Random random)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = client.akepaDecide(customer.id(), random.nextBoolean() ? "Approved" : "Denied");
        if (answer.statusCode() == 200) {
            decidedAt.putIfAbsent(customer.id(), System.nanoTime());
            count("akepa decision");
        } else {
            expectRefused("akepa decision", answer, "applicationCompleted");
        }
    }

    private void link(SandboxClient client, SandboxClient.Customer customer, String slot, String separateDocument)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = client.link(customer.id(), slot, separateDocument);
        if (storedFirstIfFaulted("link", answer) != null) {
            return;
        }
        expect("link", answer, 200);
        if (answer.statusCode() == 200) {
            // a copy of whichever version was current: one whose overwrite was sent before the link's 200
            acceptedBySeparateDocument.get(separateDocument).forEach(sha -> accepted(acceptedBySlot, slot, sha));
        }
    }

    private void overwrite(SandboxClient client, String separateDocument, Random random)
            throws IOException, InterruptedException {
        byte[] content = CrashDurabilityIT.document(random);
        String sha256 = Documents.sha256(content);
        accepted(acceptedBySeparateDocument, separateDocument, sha256); // before: a link may copy it before our 200
        HttpResponse<byte[]> answer = client.uploadSeparate(separateDocument, content);
        if (storedFirstIfFaulted("overwrite", answer) == null) {
            expect("overwrite", answer, 200);
        }
    }

    private void readContent(SandboxClient client, String slot) throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = client.content(slot);
        if (answer.statusCode() == 200) {
            String sha256 = Documents.sha256(answer.body());
            if (!sha256.equals(answer.headers().firstValue("x-content-sha256").orElse(null))) {
                failures.add("content of " + slot + " does not match its x-content-sha256");
            }
            count("content");
        } else {
            expect("content", answer, 404);
        }
    }

    private void decide(SandboxClient client, SandboxClient.Customer customer, Random random)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = client.decide(customer.id(), random.nextBoolean() ? "APPROVED" : "REJECTED");
        if (answer.statusCode() == 200) {
            decidedAt.putIfAbsent(customer.id(), System.nanoTime());
            count("decision");
        } else {
            expectCompleted("decision", answer);
        }
    }

    private void assertNoUploadAcceptedAfterItsDecision() {
        decidedAt.forEach((customer, decided) -> uploadsSentAt.getOrDefault(customer, List.of())
                .forEach(sent -> assertTrue(sent < decided, "an upload sent after the decision on " + customer
                        + " was accepted")));
    }

    private void assertEverySlotHoldsAnAcceptedFile(Connection database) throws Exception {
        try (Statement statement = database.createStatement(); ResultSet slots = statement
                .executeQuery("select id, sha256 from document_slot where blob_id is not null"
                        + " union all select id, sha256 from akepa_document where blob_id is not null")) {
            while (slots.next()) {
                String slot = slots.getString(1);
                assertTrue(acceptedBySlot.getOrDefault(slot, Set.of()).contains(slots.getString(2)),
                        slot + " holds a file no request got a 200 for");
            }
        }
    }

    private void expectCompleted(String operation, HttpResponse<byte[]> answer) {
        expectRefused(operation, answer, "kycCompleted");
    }

    private void expectRefused(String operation, HttpResponse<byte[]> answer, String code) {
        JsonNode body = answer.statusCode() == 400 ? SandboxClient.json(answer) : null;
        if (body == null || !code.equals(body.path("code").asText())) {
            failures.add(operation + ": " + answer.statusCode() + " " + new String(answer.body(), StandardCharsets.UTF_8));
        } else {
            count(operation + " refused (" + code + ")");
        }
    }

    private void expect(String operation, HttpResponse<byte[]> answer, int status) {
        if (answer.statusCode() == status) {
            count(operation);
        } else {
            failures.add(operation + ": " + answer.statusCode() + " " + new String(answer.body(), StandardCharsets.UTF_8));
        }
    }

    private void count(String operation) {
        counts.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
    }

    private static void accepted(Map<String, Set<String>> accepted, String id, String sha256) {
        accepted.computeIfAbsent(id, i -> ConcurrentHashMap.newKeySet()).add(sha256);
    }
}
