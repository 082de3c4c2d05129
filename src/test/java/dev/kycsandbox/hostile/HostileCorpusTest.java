package dev.kycsandbox.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every request of the hostile corpus, sent byte for byte to the real server: each gets its 4xx in
 * the connectFi envelope (or, for the few the HTTP codec refuses before any application code runs,
 * its bare status), none leaves a row or a file behind, and the service stays ready.
 */
@QuarkusTest
@TestProfile(HostileProfile.class)
class HostileCorpusTest {

    static final Path CORPUS = Path.of("src", "test", "resources", "hostile", "corpus");
    /** Longest a case may take: a stalled client is dropped after the idle timeout, everything else answers at once. */
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private Target target;
    private String before;


    @Test
    void shouldKeepAtLeastOneHundredCasesCoveringEveryEndpointFamily() {
        List<HostileRequest> corpus = HostileRequest.corpus(CORPUS);
        assertTrue(corpus.size() >= 100, "corpus of " + corpus.size());
        for (String family : List.of("auth-", "customer-", "kyc-upload-", "kyc-status-", "kyc-link-",
                "document-generate-", "document-upload-", "admin-", "console-", "route-")) {
            assertTrue(corpus.stream().anyMatch(c -> c.name().substring(4).startsWith(family)), "no case for " + family);
        }
    }

    @TestFactory
    Stream<DynamicTest> shouldRefuseEveryHostileRequestCleanly() {
        target = Target.prepare();
        before = target.persisted();
        List<HostileRequest> corpus = HostileRequest.corpus(CORPUS);
        // the stalled clients wait for the server's timeouts: all at once, so that they cost one timeout
        ExecutorService stalls = Executors.newCachedThreadPool();
        Map<String, Future<RawExchange>> stalled = new HashMap<>();
        for (HostileRequest request : corpus) {
            if (request.expect().equals("dropped")) {
                stalled.put(request.name(), stalls.submit(() -> RawExchange.send(target.port(), request.bytes(target.values), PATIENCE)));
            }
        }
        stalls.shutdown();
        return Stream.concat(corpus.stream()
                .map(request -> DynamicTest.dynamicTest(request.toString(), () -> check(request, stalled.get(request.name())))),
                Stream.of(DynamicTest.dynamicTest("nothing left in the upload spool", () -> {
                    target.assertSpoolDrained();
                    Target.assertHealthy();
                })));
    }

    private void check(HostileRequest request, Future<RawExchange> sentAlready) throws Exception {
        RawExchange answer = sentAlready != null ? sentAlready.get()
                : RawExchange.send(target.port(), request.bytes(target.values), PATIENCE);
        String what = request.name() + " -> " + answer.status() + " " + answer.text();
        assertFalse(answer.timedOut(), request.name() + ": no answer and no close within " + PATIENCE);
        Target.assertNoLeak(answer, request.name());
        String expect = request.expect();
        if (expect.equals("dropped")) {
            assertTrue(answer.closedWithoutAnswer() || (answer.status() >= 400 && answer.status() < 500), what);
            assertTrue(answer.elapsed().toSeconds() < PATIENCE.toSeconds(), what);
        } else {
            assertTrue(expectedStatus(expect, answer.status()), what + " (expected " + expect + ")");
            boolean bare = expectedCode(expect, answer.status(), "bare");
            if (!bare || answer.header("content-type") != null) {
                JsonNode body = Target.assertEnvelope(answer, request.name());
                assertTrue(bare || expectedCode(expect, answer.status(), body.path("code").asText()),
                        what + " (expected " + expect + ")");
            }
        }
        assertEquals(before, target.persisted(), request.name() + " changed what is persisted");
        Target.assertHealthy();
    }

    /** {@code expect} is alternatives such as {@code 400 badRequest|requestValidateError|401 unauthorized}. */
    static boolean expectedStatus(String expect, int status) {
        return Arrays.stream(expect.split("\\|")).map(String::trim).filter(a -> a.contains(" "))
                .anyMatch(a -> a.startsWith(status + " "));
    }

    static boolean expectedCode(String expect, int status, String code) {
        String currentStatus = null;
        for (String alternative : expect.split("\\|")) {
            String[] parts = alternative.trim().split(" ");
            if (parts.length == 2) {
                currentStatus = parts[0];
            }
            String name = parts[parts.length - 1];
            if (Integer.toString(status).equals(currentStatus) && name.equals(code)) {
                return true;
            }
        }
        return false;
    }
}
