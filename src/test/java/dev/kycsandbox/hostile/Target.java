package dev.kycsandbox.hostile;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kycsandbox.support.AkepaApi;
import dev.kycsandbox.support.Api;
import dev.kycsandbox.support.PostgresTestResource;
import dev.kycsandbox.support.Storage;
import io.restassured.RestAssured;

/**
 * What the hostile suite attacks and what it checks afterwards: the ids its requests use (a
 * customer whose KYC is open, one of its slots, a separate document never uploaded), what is
 * persisted (row counts and the files under the storage root, read from outside the application,
 * so that the suite runs against the packaged one too), and the answer rules every refused
 * request must meet.
 */
final class Target {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TABLES = List.of("tenant", "sandbox_user", "access_token", "customer",
            "kyc_session", "document_slot", "separate_document", "webhook_event", "webhook_attempt",
            "akepa_application", "akepa_entity", "akepa_document");
    /** What a body must never show: a stack frame, an exception class, our package names. */
    private static final List<String> LEAKS = List.of("\tat ", "Exception", "java.", "dev.kycsandbox", "org.jboss",
            "io.vertx", "io.netty", "<html");

    final Map<String, String> values;
    private final Storage storage = Storage.at(PostgresTestResource.STORAGE);

    private Target(Map<String, String> values) {
        this.values = values;
    }

    static Target prepare() {
        String token = Api.token();
        String customer = Api.newCustomer(token);
        String slot = Api.kycSlots(token, customer).get(0);
        String separate = Api.newSeparateDocument(token);
        String akepaCustomer = AkepaApi.newCustomer(token, Api.WAIT_REVIEW);
        AkepaApi.start(token, akepaCustomer, null);
        String akepaDocument = AkepaApi.newDocument(token, "passport", "png");
        return new Target(Map.of("TOKEN", token, "ADMIN", Api.ADMIN_TOKEN, "CUSTOMER", customer, "SLOT", slot,
                "SDOC", separate, "AKEPA_CUSTOMER", akepaCustomer, "ADOC", akepaDocument,
                "HOST", "127.0.0.1:" + RestAssured.port));
    }

    int port() {
        return RestAssured.port;
    }

    /** Row counts, the slots and documents holding a file, and every file under the storage root but the spool. */
    String persisted() {
        Map<String, Object> state = new TreeMap<>();
        try (Connection connection = PostgresTestResource.connect(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                state.put(table, count(statement, "select count(*) from " + table));
            }
            state.put("filled slots", count(statement, "select count(*) from document_slot where blob_id is not null"));
            state.put("filled documents", count(statement, "select count(*) from separate_document where blob_id is not null"));
            state.put("filled akepa documents", count(statement, "select count(*) from akepa_document where blob_id is not null"));
            state.put("attached akepa documents",
                    count(statement, "select count(*) from akepa_document where application_id is not null"));
            state.put("application statuses", count(statement, "select count(distinct status) from akepa_application"));
            state.put("statuses", count(statement, "select count(distinct status) from kyc_session"));
        } catch (SQLException e) {
            throw new AssertionError("cannot read the database", e);
        }
        Set<Path> files = storage.blobFiles();
        state.put("blob files", files);
        return state.toString();
    }

    void assertSpoolDrained() {
        storage.assertNoIncomingFiles();
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static void assertHealthy() {
        given().get("/q/health/ready").then().statusCode(200);
    }

    /** No 5xx, no internals in the body, and, when the application answered, the envelope with its request id. */
    static void assertNoLeak(RawExchange answer, String what) {
        String text = answer.text();
        assertFalse(answer.status() >= 500, what + ": server error " + answer.status() + " " + text);
        for (String leak : LEAKS) {
            assertFalse(text.contains(leak), what + ": body shows '" + leak + "': " + text);
        }
    }

    /** The connectFi error envelope, with a 32-hex requestId echoed in {@code x-request-id}. */
    static JsonNode assertEnvelope(RawExchange answer, String what) {
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(what + ": not a JSON envelope: " + answer.status() + " '" + answer.text() + "'");
        }
        String requestId = body.path("requestId").asText("");
        assertTrue(requestId.matches("^[0-9a-f]{32}$"), what + ": requestId " + answer.text());
        assertEquals(requestId, answer.header("x-request-id"), what + ": x-request-id");
        assertTrue(body.path("code").isTextual() && body.path("message").isTextual(), what + ": " + answer.text());
        assertEquals("application/json", answer.header("content-type"), what + ": content type");
        return body;
    }
}
