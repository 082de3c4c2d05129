package dev.kycsandbox.support;

import static dev.kycsandbox.support.Api.as;
import static dev.kycsandbox.support.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** The black-box tests' client of the Akepa family: each call is one real HTTP request. */
public final class AkepaApi {

    private AkepaApi() {
    }

    /**
     * An individual with everything an Akepa check needs (date of birth, SSN, an address), so that
     * its application starts in {@code pending_step_up}; the last name picks the outcome.
     */
    public static Map<String, Object> completeIndividual(String reference, String lastName, String ssn) {
        return Map.of("customerReference", reference, "customerType", "individual",
                "customer", Map.of("firstName", "Jessie", "lastName", lastName, "dateOfBirth", "1990-04-01",
                        "email", "jessie@example.com",
                        "addresses", List.of(Map.of("type", "PRIMARY", "address1", "1 Main St", "city", "Austin",
                                "stateCode", "TX", "postalCode", "78701", "countryCodeA3", "USA")),
                        "identificationDocuments", List.of(Map.of("type", "SSN", "value", ssn))));
    }

    /** A new customer of the token's tenant ready for Akepa ({@link #completeIndividual}); returns its id. */
    public static String newCustomer(String token, String lastName) {
        return Api.initCustomer(token, completeIndividual(Api.uniqueReference(), lastName, Api.randomSsn()))
                .statusCode(200).extract().path("data.customerId");
    }

    /** A fresh application reference: letters and digits only, as Akepa requires. */
    public static String newReference() {
        return Api.uniqueReference();
    }

    public static ValidatableResponse identification(String token, Map<String, ?> body) {
        return as(token).contentType(ContentType.JSON).body(body).post("/akepa/identification").then();
    }

    /** Starts an application for the customer, with {@code webhookUrl} when not null; returns its id. */
    public static String start(String token, String customerId, String webhookUrl) {
        Map<String, Object> body = new HashMap<>();
        body.put("customerId", customerId);
        body.put("reference", newReference());
        if (webhookUrl != null) {
            body.put("webhookURL", webhookUrl);
        }
        return identification(token, body).statusCode(200).extract().path("data.applicationId");
    }

    public static ValidatableResponse status(String token, Map<String, ?> body) {
        return as(token).contentType(ContentType.JSON).body(body).post("/akepa/status").then();
    }

    public static ValidatableResponse statusOf(String token, String customerId) {
        return as(token).get("/akepa/status/{c}", customerId).then();
    }

    public static ValidatableResponse generate(String token, Map<String, ?> body) {
        return as(token).contentType(ContentType.JSON).body(body).post("/akepa/document/generate").then();
    }

    /** A new document of {@code type} declared as {@code extension}; returns its id. */
    public static String newDocument(String token, String type, String extension) {
        return generate(token, Map.of("workflow", "PERSONAL", "name", type + "." + extension, "extension", extension,
                "type", type)).statusCode(200).extract().path("data.id");
    }

    public static Response uploadRaw(String token, String documentId, byte[] content) {
        return as(token).multiPart("file", "image.bin", content, "application/octet-stream")
                .post("/akepa/document/upload/{d}", documentId);
    }

    public static ValidatableResponse upload(String token, String documentId, byte[] content) {
        return uploadRaw(token, documentId, content).then();
    }

    /** A new {@code png} document of {@code type} holding {@code content}; returns its id. */
    public static String documentWith(String token, String type, byte[] content) {
        String documentId = newDocument(token, type, "png");
        upload(token, documentId, content).statusCode(200);
        return documentId;
    }

    public static ValidatableResponse update(String token, String entityId, List<String> documentIds) {
        return as(token).contentType(ContentType.JSON)
                .body(Map.of("entityId", entityId,
                        "documents", documentIds.stream().map(id -> Map.of("documentId", id)).toList()))
                .post("/akepa/update").then();
    }

    public static ValidatableResponse decide(String customerId, String outcome) {
        return asAdmin().contentType(ContentType.JSON).body(Map.of("outcome", outcome))
                .post("/sandbox/customers/{c}/akepa/decision", customerId).then();
    }

    /** Polls the customer's application until its status is {@code expected}; returns the response showing it. */
    public static ValidatableResponse awaitStatus(String token, String customerId, String expected) {
        Instant deadline = Instant.now().plus(Api.DECISION_TIMEOUT);
        String seen;
        do {
            ValidatableResponse response = statusOf(token, customerId).statusCode(200);
            seen = response.extract().path("data.status");
            if (expected.equals(seen)) {
                return response;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (Instant.now().isBefore(deadline));
        return fail("application of " + customerId + " still " + seen + ", not " + expected);
    }
}
