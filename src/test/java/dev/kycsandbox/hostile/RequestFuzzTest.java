package dev.kycsandbox.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.kycsandbox.support.Documents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A seeded random mutator of valid requests to every endpoint family: byte flips, truncation,
 * header and boundary damage, hostile ids, broken JSON. Whatever comes out must never get a 5xx
 * or show internals, a refused request must leave nothing persisted, and the service must stay
 * ready. About 20 s in every build; minutes with {@code -Dreliability.full=true}. A failure names
 * its seed: {@code -Dfuzz.seed=<seed>} replays the same inputs.
 */
@QuarkusTest
@TestProfile(HostileProfile.class)
class RequestFuzzTest {

    private static final Duration QUICK = Duration.ofSeconds(20);
    private static final Duration FULL = Duration.ofMinutes(5);
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final String BOUNDARY = "fuzzBoundary0123456789";
    private static final String[] HOSTILE_IDS = { "..%2F..%2Fetc%2Fpasswd", "%00", "%27%20OR%20%271%27%3D%271", "x".repeat(300),
            "%C3%28", "cstap_0000000000000000000000", "doc_%2e%2e", "%0d%0aX-Injected:%201", "sdoc_", "" };
    private static final String[] JSON_DAMAGE = { "{", "}", "[", "]", "\"", ",", ":", "\\u0000", "\\", "null", "1e99999",
            "-0", "[[[[[[[[[[[[[[[[[[[[", "{\"a\":{\"a\":{\"a\":", "\u00ff\u00fe", "true", "\"\"" };

    @Test
    void shouldNeverFailOnMutatedRequests() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        Duration budget = Boolean.getBoolean("reliability.full") ? FULL : QUICK;
        Target target = Target.prepare();
        List<byte[]> seeds = validRequests(target.values);
        Random random = new Random(seed);
        String baseline = target.persisted();
        long deadline = System.nanoTime() + budget.toNanos();
        int tried = 0;
        int refused = 0;
        while (System.nanoTime() < deadline) {
            byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), random);
            tried++;
            String what = "seed " + seed + " input #" + tried + " (replay: -Dfuzz.seed=" + seed + "): "
                    + Base64.getEncoder().encodeToString(head(input));
            RawExchange answer = RawExchange.send(target.port(), input, PATIENCE);
            assertFalse(answer.timedOut(), what + ": no answer and no close");
            Target.assertNoLeak(answer, what);
            boolean headRequest = new String(input, 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD "); // answered without body
            if (answer.status() >= 400 && answer.header("content-type") != null && !headRequest) {
                Target.assertEnvelope(answer, what);
            }
            if (answer.status() >= 200 && answer.status() < 300) {
                baseline = settled(target);
            } else {
                refused++;
                assertEquals(baseline, target.persisted(), what + " -> " + answer.status() + ": refused but persisted something");
            }
            if (tried % 200 == 0) {
                Target.assertHealthy();
            }
        }
        target.assertSpoolDrained();
        Target.assertHealthy();
        System.out.printf("Request fuzzing: %d inputs (%d refused) in %s, seed %d%n", tried, refused, budget, seed);
        assertTrue(tried > 100, "only " + tried + " inputs in " + budget);
    }

    /** What is persisted once an accepted request's side effects (a superseded file's deletion) are over. */
    private static String settled(Target target) throws InterruptedException {
        String previous = target.persisted();
        for (int i = 0; i < 50; i++) {
            Thread.sleep(10);
            String now = target.persisted();
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    private static List<byte[]> validRequests(Map<String, String> v) {
        String token = "x-connectfi-token: " + v.get("TOKEN") + "\r\n";
        String admin = "x-sandbox-admin-token: " + v.get("ADMIN") + "\r\n";
        String customer = v.get("CUSTOMER");
        String slot = v.get("SLOT");
        String separate = v.get("SDOC");
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(json("POST", "/auth/get-token", "", "{\"user\":{\"login\":\"sandbox\",\"password\":\"not-the-password\"}}"));
        seeds.add(json("POST", "/customer/init", token, "{\"customerReference\":\"fuzz-ref\",\"customerType\":\"individual\","
                + "\"customer\":{\"firstName\":\"Fuzz\",\"lastName\":\"WaitReview\",\"dateOfBirth\":\"1990-01-01\","
                + "\"email\":\"fuzz@example.com\",\"identificationDocuments\":[{\"type\":\"SSN\",\"value\":\"123456789\"}]}}"));
        seeds.add(json("GET", "/customer/status/" + customer, token, null));
        seeds.add(json("POST", "/customer/kyc/init", token, "{\"customerId\":\"" + customer + "\"}"));
        seeds.add(json("POST", "/customer/kyc/add-attributes", token, "{\"customerId\":\"" + customer + "\",\"additionalAttributes\":"
                + "{\"cardAttributes\":{\"productID\":\"Virtual_Debit_Card\",\"nameOnCard\":\"FUZZ\",\"designId\":\"1\"}}}"));
        seeds.add(json("GET", "/customer/kyc/status/" + customer, token, null));
        seeds.add(upload("/customer/kyc/upload/" + customer + "/" + slot, token));
        seeds.add(upload("/document/upload/" + separate, token));
        seeds.add(json("POST", "/customer/kyc/document-link", token, "{\"customerId\":\"" + customer + "\",\"documentId\":\"" + slot
                + "\",\"separateDocumentId\":\"" + separate + "\"}"));
        seeds.add(json("POST", "/document/generate", token, null));
        seeds.add(json("GET", "/sandbox/documents/" + slot + "/content", admin, null));
        seeds.add(json("POST", "/sandbox/tenants", admin, "{\"tenantId\":\"fuzz-tenant\",\"kycMode\":\"passportCondor\"}"));
        seeds.add(json("GET", "/sandbox/tenants/sandbox/kyc-sessions?limit=5", admin, null));
        seeds.add(json("GET", "/sandbox/webhooks?customerId=" + customer, admin, null));
        String akepaCustomer = v.get("AKEPA_CUSTOMER");
        String akepaDocument = v.get("ADOC");
        seeds.add(json("POST", "/akepa/identification", token, "{\"customerId\":\"" + akepaCustomer
                + "\",\"reference\":\"fuzz1\",\"syncMode\":false}"));
        seeds.add(json("POST", "/akepa/status", token, "{\"customerId\":\"" + akepaCustomer + "\"}"));
        seeds.add(json("GET", "/akepa/status/" + akepaCustomer, token, null));
        seeds.add(json("POST", "/akepa/document/generate", token, "{\"workflow\":\"PERSONAL\",\"name\":\"fuzz\","
                + "\"extension\":\"png\",\"type\":\"passport\",\"note\":\"n\",\"note_author_agent_email\":\"a@example.com\"}"));
        seeds.add(upload("/akepa/document/upload/" + akepaDocument, token));
        seeds.add(json("POST", "/akepa/update", token, "{\"entityId\":\"" + akepaCustomer + "\",\"documents\":[{\"documentId\":\""
                + akepaDocument + "\"}]}"));
        seeds.add(json("POST", "/sandbox/customers/" + akepaCustomer + "/akepa/decision", admin, "{\"outcome\":\"Denied\"}"));
        return seeds;
    }

    private static byte[] json(String method, String path, String headers, String body) {
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers;
        if (body == null) {
            return (head + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return (head + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] upload(String path, String headers) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"fuzz.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(Documents.png(7));
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "Content-Type: multipart/form-data; boundary="
                + BOUNDARY + "\r\nContent-Length: " + body.size() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head);
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** One to three mutations; the Content-Length is then made true again, except now and then. */
    static byte[] mutate(byte[] request, Random random) {
        int split = HostileRequest.indexOf(request, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0) + 4;
        String head = new String(request, 0, split, StandardCharsets.ISO_8859_1);
        byte[] body = java.util.Arrays.copyOfRange(request, split, request.length);
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            switch (random.nextInt(8)) {
                case 0 -> flipBytes(body, random);
                case 1 -> body = java.util.Arrays.copyOf(body, body.length == 0 ? 0 : random.nextInt(body.length));
                case 2 -> head = damageHeader(head, random);
                case 3 -> {
                    String text = new String(body, StandardCharsets.ISO_8859_1).replace(BOUNDARY, pick(random,
                            "", "x", BOUNDARY.substring(1), BOUNDARY + "--", "\r\n", "a".repeat(200)));
                    body = text.getBytes(StandardCharsets.ISO_8859_1);
                }
                case 4 -> head = damageId(head, random);
                case 5 -> body = insert(body, random, JSON_DAMAGE[random.nextInt(JSON_DAMAGE.length)]);
                case 6 -> body = insert(body, random, "[".repeat(1 + random.nextInt(5000)));
                default -> {
                    byte[] head8 = head.getBytes(StandardCharsets.ISO_8859_1);
                    flipBytes(head8, random);
                    head = new String(head8, StandardCharsets.ISO_8859_1);
                }
            }
        }
        if (random.nextInt(50) != 0) {
            head = head.replaceAll("(?i)content-length: *[^\r\n]*", "Content-Length: " + body.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void flipBytes(byte[] data, Random random) {
        for (int i = 0, n = 1 + random.nextInt(8); i < n && data.length > 0; i++) {
            data[random.nextInt(data.length)] = (byte) random.nextInt(256);
        }
    }

    private static byte[] insert(byte[] data, Random random, String text) {
        int at = data.length == 0 ? 0 : random.nextInt(data.length);
        byte[] inserted = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[data.length + inserted.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(data, at, out, at + inserted.length, data.length - at);
        return out;
    }

    private static String damageHeader(String head, Random random) {
        String[] lines = head.split("\r\n", -1);
        int line = 1 + random.nextInt(Math.max(1, lines.length - 3));
        switch (random.nextInt(5)) {
            case 0 -> lines[line] = ""; // a header dropped (an empty line ends the headers early)
            case 1 -> lines[line] = lines[line] + "\r\n" + lines[line]; // duplicated
            case 2 -> lines[line] = lines[line].replaceAll(":.*", ": " + pick(random, "", "\u00ff\u0000", "-1",
                    "x".repeat(3000), "multipart/form-data; boundary=", "chunked", "application/json; charset=ebcdic"));
            case 3 -> lines[line] = "Transfer-Encoding: chunked";
            default -> lines[0] = lines[0].replaceFirst("^[A-Z]+", pick(random, "PUT", "DELETE", "PATCH", "GET", "HEAD", "FOO"));
        }
        return String.join("\r\n", lines);
    }

    private static String damageId(String head, Random random) {
        int lineEnd = head.indexOf("\r\n");
        String[] path = head.substring(0, lineEnd).split(" ");
        if (path.length != 3) {
            return head;
        }
        String[] segments = path[1].split("/", -1);
        segments[1 + random.nextInt(segments.length - 1)] = HOSTILE_IDS[random.nextInt(HOSTILE_IDS.length)];
        return path[0] + " " + String.join("/", segments) + " " + path[2] + head.substring(lineEnd);
    }

    private static String pick(Random random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static byte[] head(byte[] input) {
        return java.util.Arrays.copyOf(input, Math.min(input.length, 600));
    }
}
