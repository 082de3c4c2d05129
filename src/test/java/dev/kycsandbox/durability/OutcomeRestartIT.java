package dev.kycsandbox.durability;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.kycsandbox.support.Documents;
import io.restassured.http.ContentType;

/**
 * The outcome rules' scheduler survives a crash of the packaged sandbox: a session that reached
 * IN_REVIEW with a decision delay, in a sandbox killed (SIGKILL) before the delay expired, is
 * decided by the restarted sandbox.
 */
class OutcomeRestartIT {

    @RegisterExtension
    static final SandboxWorkDir WORK = new SandboxWorkDir("outcome-restart-it");
    private static final Path WORK_DIR = WORK.path();
    /** Long enough that the first sandbox is surely killed before any decision is due. */
    private static final Duration DELAY = Duration.ofSeconds(10);
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "SANDBOX_KYC_AUTO_DECISION_DELAY", DELAY.toSeconds() + "s",
            "SANDBOX_KYC_DECISION_POLL_INTERVAL", "1s");
    private static final Duration DECISION_TIMEOUT = Duration.ofSeconds(90);

    @Test
    void shouldTakeTheDecisionsDueBeforeACrashAfterTheRestart() throws Exception {
        String approved;
        String rejected;
        String waiting;
        int postgresPort;
        Instant killedAt;

        SandboxProcess first = SandboxProcess.start(WORK_DIR, "first", ENVIRONMENT);
        try {
            String token = first.token();
            approved = customerInReview(first, token, "Testman");
            rejected = customerInReview(first, token, "Rejectson");
            waiting = customerInReview(first, token, "WaitReview");
            postgresPort = first.databasePort();
        } finally {
            first.kill();
            killedAt = Instant.now();
        }

        // the killed sandbox's PostgreSQL still serves its data: nothing was decided, the due times are stored
        Instant approvedDue = assertPending(postgresPort, approved);
        Instant rejectedDue = assertPending(postgresPort, rejected);
        assertTrue(killedAt.isBefore(approvedDue) && killedAt.isBefore(rejectedDue),
                "killed at " + killedAt + ", before the decisions were due at " + approvedDue + " / " + rejectedDue);
        assertNull(dueAt(postgresPort, waiting), "WaitReview waits for an admin, crash or not");

        try (SandboxProcess second = SandboxProcess.start(WORK_DIR, "second", ENVIRONMENT)) {
            String token = second.token();
            awaitStatus(second, token, approved, "APPROVED");
            awaitStatus(second, token, rejected, "REJECTED");
            status(second, token, waiting).body("data.kyc.status", equalTo("IN_REVIEW"));
            second.api().header("x-connectfi-token", token).get("/customer/status/{c}", approved).then()
                    .statusCode(200).body("data.kycStatus", equalTo("APPROVED"));
            second.stop();
        }
    }

    private static String customerInReview(SandboxProcess sandbox, String token, String lastName) {
        String customerId = sandbox.api().header("x-connectfi-token", token).contentType(ContentType.JSON)
                .body(Map.of("customerReference", "restart" + lastName, "customerType", "individual",
                        "customer", Map.of("firstName", "Rita", "lastName", lastName)))
                .post("/customer/init").then().statusCode(200).extract().path("data.customerId");
        List<String> slots = sandbox.api().header("x-connectfi-token", token).contentType(ContentType.JSON)
                .body(Map.of("customerId", customerId))
                .post("/customer/kyc/init").then().statusCode(200).extract().path("data.kycDocumentList.id");
        for (int i = 0; i < slots.size(); i++) {
            sandbox.api().header("x-connectfi-token", token).multiPart("file", "scan.png", Documents.png(90 + i), "image/png")
                    .post("/customer/kyc/upload/{c}/{d}", customerId, slots.get(i)).then().statusCode(200);
        }
        sandbox.api().header("x-connectfi-token", token).contentType(ContentType.JSON)
                .body(Map.of("customerId", customerId, "additionalAttributes", Map.of("cardAttributes",
                        Map.of("productID", "Virtual_Debit_Card", "nameOnCard", "RITA " + lastName.toUpperCase(),
                                "designId", "1", "addressType", "PRIMARY", "issueType", "NEW"))))
                .post("/customer/kyc/add-attributes").then().statusCode(200)
                .body("data.kyc.status", equalTo("IN_REVIEW"));
        return customerId;
    }

    private static io.restassured.response.ValidatableResponse status(SandboxProcess sandbox, String token, String customerId) {
        return sandbox.api().header("x-connectfi-token", token).get("/customer/kyc/status/{c}", customerId).then()
                .statusCode(200);
    }

    /** Polls for at most {@link #DECISION_TIMEOUT}. */
    private static void awaitStatus(SandboxProcess sandbox, String token, String customerId, String expected)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(DECISION_TIMEOUT);
        String seen;
        do {
            seen = status(sandbox, token, customerId).extract().path("data.kyc.status");
            if (expected.equals(seen)) {
                return;
            }
            Thread.sleep(250);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError(customerId + " still " + seen + ", not " + expected + ", " + DECISION_TIMEOUT
                + " after the restart");
    }

    /** Asserts the customer's session is still in review with a decision due; returns when. */
    private static Instant assertPending(int port, String customerId) throws Exception {
        try (Connection connection = connect(port); PreparedStatement query = connection.prepareStatement(
                "select status from kyc_session where customer_id = ?")) {
            query.setString(1, customerId);
            try (ResultSet rs = query.executeQuery()) {
                assertTrue(rs.next(), customerId);
                assertEquals("IN_REVIEW", rs.getString(1), customerId);
            }
        }
        Instant due = dueAt(port, customerId);
        assertNotNull(due, customerId);
        return due;
    }

    private static Instant dueAt(int port, String customerId) throws Exception {
        try (Connection connection = connect(port); PreparedStatement query = connection.prepareStatement(
                "select decision_due_at from kyc_session where customer_id = ?")) {
            query.setString(1, customerId);
            try (ResultSet rs = query.executeQuery()) {
                assertTrue(rs.next(), customerId);
                Timestamp due = rs.getTimestamp(1);
                return due == null ? null : due.toInstant();
            }
        }
    }

    private static Connection connect(int port) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "postgres");
    }
}
