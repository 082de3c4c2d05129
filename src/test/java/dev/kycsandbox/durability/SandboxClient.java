package dev.kycsandbox.durability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kycsandbox.support.Api;
import dev.kycsandbox.support.RawHttp.Multipart;

/**
 * The calls the fault suite makes on a {@link SandboxProcess}, from many threads at once: one
 * HTTP/1.1 client per sandbox, loopback only, every call bounded in time. Answers are returned as
 * they came (any status); a connection failure (the sandbox was killed) is thrown.
 */
final class SandboxClient {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    SandboxClient(int port, String token) {
        this.base = URI.create("http://127.0.0.1:" + port);
        this.token = token;
    }

    SandboxClient(SandboxProcess sandbox) {
        this(sandbox.port(), sandbox.token());
    }

    /** A new individual customer of the default tenant, with its KYC session opened: the session's slot ids. */
    Customer newCustomerInKyc(String reference) throws IOException, InterruptedException {
        String customerId = data(post("/customer/init", Map.of("customerReference", reference, "customerType", "individual",
                "customer", Map.of("firstName", "Fault", "lastName", "Suite")))).path("customerId").asText();
        List<String> slots = new ArrayList<>();
        data(post("/customer/kyc/init", Map.of("customerId", customerId))).path("kycDocumentList")
                .forEach(slot -> slots.add(slot.path("id").asText()));
        return new Customer(customerId, List.copyOf(slots));
    }

    HttpResponse<byte[]> upload(String customerId, String slotId, byte[] content) throws IOException, InterruptedException {
        return multipart("/customer/kyc/upload/" + customerId + "/" + slotId, content);
    }

    /** A new separate document holding {@code content}: its id. */
    String separateDocument(byte[] content) throws IOException, InterruptedException {
        String id = data(send(request("/document/generate").header(Api.TOKEN_HEADER, token)
                .POST(HttpRequest.BodyPublishers.noBody()))).path("id").asText();
        HttpResponse<byte[]> uploaded = uploadSeparate(id, content);
        if (uploaded.statusCode() != 200) {
            throw new AssertionError("separate upload: " + uploaded.statusCode() + " " + new String(uploaded.body()));
        }
        return id;
    }

    /** Stores {@code content} in separate document {@code id}, overwriting its file. */
    HttpResponse<byte[]> uploadSeparate(String id, byte[] content) throws IOException, InterruptedException {
        return multipart("/document/upload/" + id, content);
    }

    HttpResponse<byte[]> link(String customerId, String slotId, String separateDocumentId)
            throws IOException, InterruptedException {
        return post("/customer/kyc/document-link",
                Map.of("customerId", customerId, "documentId", slotId, "separateDocumentId", separateDocumentId));
    }

    HttpResponse<byte[]> status(String customerId) throws IOException, InterruptedException {
        return send(request("/customer/kyc/status/" + customerId).header(Api.TOKEN_HEADER, token).GET());
    }

    HttpResponse<byte[]> decide(String customerId, String status) throws IOException, InterruptedException {
        return send(request("/sandbox/customers/" + customerId + "/kyc/decision")
                .header(Api.ADMIN_HEADER, SandboxProcess.ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"" + status + "\"}")));
    }

    /** The stored bytes of a slot or separate document, through the admin API. */
    HttpResponse<byte[]> content(String documentId) throws IOException, InterruptedException {
        return send(request("/sandbox/documents/" + documentId + "/content")
                .header(Api.ADMIN_HEADER, SandboxProcess.ADMIN_TOKEN).GET());
    }

    /**
     * A new individual of the default tenant with everything Akepa needs, last name WaitReview (so
     * only an admin decision completes it), its application started, and {@code documents} license
     * documents uploaded and attached: the application waits for review.
     */
    AkepaCustomer newAkepaApplicationInReview(String reference, int documents, IntFunction<byte[]> content)
            throws IOException, InterruptedException {
        String customerId = data(post("/customer/init", Map.of("customerReference", reference, "customerType", "individual",
                "customer", Map.of("firstName", "Fault", "lastName", "WaitReview", "dateOfBirth", "1990-04-01",
                        "addresses", List.of(Map.of("city", "Austin", "countryCodeA3", "USA")),
                        "identificationDocuments", List.of(Map.of("type", "SSN",
                                "value", String.format("%09d", Math.floorMod(reference.hashCode(), 1_000_000_000))))))))
                .path("customerId").asText();
        data(post("/akepa/identification", Map.of("customerId", customerId, "reference", reference)));
        List<String> documentIds = new ArrayList<>();
        for (int i = 0; i < documents; i++) {
            String id = data(post("/akepa/document/generate", Map.of("workflow", "PERSONAL", "name", "license " + i,
                    "extension", "png", "type", "license"))).path("id").asText();
            data(uploadAkepa(id, content.apply(i)));
            documentIds.add(id);
        }
        data(akepaUpdate(customerId, documentIds));
        return new AkepaCustomer(customerId, List.copyOf(documentIds));
    }

    /** Stores {@code content} as Akepa document {@code id}, overwriting its file. */
    HttpResponse<byte[]> uploadAkepa(String id, byte[] content) throws IOException, InterruptedException {
        return multipart("/akepa/document/upload/" + id, content);
    }

    HttpResponse<byte[]> akepaUpdate(String entityId, List<String> documentIds) throws IOException, InterruptedException {
        return post("/akepa/update", Map.of("entityId", entityId,
                "documents", documentIds.stream().map(id -> Map.of("documentId", id)).toList()));
    }

    HttpResponse<byte[]> akepaStatus(String customerId) throws IOException, InterruptedException {
        return send(request("/akepa/status/" + customerId).header(Api.TOKEN_HEADER, token).GET());
    }

    HttpResponse<byte[]> akepaDecide(String customerId, String outcome) throws IOException, InterruptedException {
        return send(request("/sandbox/customers/" + customerId + "/akepa/decision")
                .header(Api.ADMIN_HEADER, SandboxProcess.ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"outcome\":\"" + outcome + "\"}")));
    }

    /** Adds a fault rule to this instance (rules live in each instance's memory); returns its id. */
    String createFault(Map<String, ?> rule) throws IOException, InterruptedException {
        return data(send(request("/sandbox/faults").header(Api.ADMIN_HEADER, SandboxProcess.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(rule))))).path("id").asText();
    }

    HttpResponse<byte[]> readiness() throws IOException, InterruptedException {
        return send(request("/q/health/ready").GET());
    }

    HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.statusCode() + " " + new String(response.body()), e);
        }
    }

    private HttpResponse<byte[]> multipart(String path, byte[] content) throws IOException, InterruptedException {
        Multipart multipart = Multipart.singleFile(content);
        return send(request(path).header(Api.TOKEN_HEADER, token).header("Content-Type", multipart.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart.body())));
    }

    private HttpResponse<byte[]> post(String path, Object body) throws IOException, InterruptedException {
        try {
            return send(request(path).header(Api.TOKEN_HEADER, token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode data(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError(response.uri() + ": " + response.statusCode() + " " + new String(response.body()));
        }
        return json(response).path("data");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A customer in KYC and the slots of its session. */
    record Customer(String id, List<String> slots) {
    }

    /** A customer whose Akepa application waits for review, and the documents attached to it. */
    record AkepaCustomer(String id, List<String> documents) {
    }
}
