package dev.kycsandbox.kyc;

import static dev.kycsandbox.support.Api.addCardAttributes;
import static dev.kycsandbox.support.Api.asAdmin;
import static dev.kycsandbox.support.Api.awaitKycStatus;
import static dev.kycsandbox.support.Api.decide;
import static dev.kycsandbox.support.Api.initKyc;
import static dev.kycsandbox.support.Api.kycSessions;
import static dev.kycsandbox.support.Api.kycSlots;
import static dev.kycsandbox.support.Api.kycStatus;
import static dev.kycsandbox.support.Api.newCustomer;
import static dev.kycsandbox.support.Api.newTenant;
import static dev.kycsandbox.support.Api.token;
import static dev.kycsandbox.support.Api.tokenOfNewUser;
import static dev.kycsandbox.support.Api.upload;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.kycsandbox.support.Documents;
import dev.kycsandbox.support.StatusChanges;
import dev.kycsandbox.support.StatusChanges.Change;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The {@code sandbox.kyc.*} settings at work: a decision delay (one hour, so nothing becomes due
 * by itself while the test runs) and another default mode.
 */
@QuarkusTest
@TestProfile(KycConfigurationTest.ConfiguredKyc.class)
class KycConfigurationTest {

    public static class ConfiguredKyc implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sandbox.kyc.auto-decision-delay", "1h", "sandbox.kyc.default-mode", "passportCondor");
        }
    }

    private static final Duration DELAY = Duration.ofHours(1);

    @Inject
    AgroalDataSource database;

    @Inject
    StatusChanges published;

    @Test
    void shouldOpenSessionsOfTenantsWithoutOwnModeInTheConfiguredDefault() {
        initKyc(token(), newCustomer(token())).statusCode(200)
                .body("data.kyc.mode", equalTo("passportCondor"))
                .body("data.kycDocumentList.label", contains("PASSPORT FRONT"));
        asAdmin().get("/sandbox/tenants/sandbox").then().statusCode(200)
                .body("data.kycMode", nullValue())
                .body("data.effectiveKycMode", equalTo("passportCondor"));

        String licensed = tokenOfNewUser(newTenant("licenseUSACondor"));
        initKyc(licensed, newCustomer(licensed)).statusCode(200)
                .body("data.kyc.mode", equalTo("licenseUSACondor"))
                .body("data.kycDocumentList.label", contains("LICENSE FRONT", "LICENSE BACK"));
    }

    @Test
    void shouldDueTheDecisionTheConfiguredDelayAfterReview() {
        String tenantId = newTenant(null);
        String token = tokenOfNewUser(tenantId);
        String approved = customerInReview(token, "Testman");
        String rejected = customerInReview(token, "Rejectson");
        String waiting = customerInReview(token, "WaitReview");

        List<Map<String, Object>> sessions = kycSessions(tenantId).statusCode(200).extract().path("data.sessions");
        assertEquals(3, sessions.size());
        for (Map<String, Object> session : sessions) {
            assertEquals("IN_REVIEW", session.get("status"));
            Instant enteredReview = Instant.parse((String) session.get("updatedAt"));
            if (session.get("customerId").equals(waiting)) {
                assertNull(session.get("decisionDueAt"), "WaitReview waits for an admin");
            } else {
                assertEquals(enteredReview.plus(DELAY), Instant.parse((String) session.get("decisionDueAt")),
                        session.toString());
            }
        }
        kycStatus(token, approved).statusCode(200).body("data.kyc.status", equalTo("IN_REVIEW"));
        kycStatus(token, rejected).statusCode(200).body("data.kyc.status", equalTo("IN_REVIEW"));
    }

    @Test
    void shouldLetAnAdminDecisionBeforeTheDueTimeWin() throws SQLException {
        String tenantId = newTenant(null);
        String token = tokenOfNewUser(tenantId);
        String decided = customerInReview(token, "Testman");
        decide(decided, "REJECTED").statusCode(200).body("data.kyc.status", equalTo("REJECTED"));
        kycSessions(tenantId).statusCode(200).body("data.sessions[0].decisionDueAt", nullValue());

        // time travel: make every decision due now, the admin-decided session's included, as if a
        // stale due time had been left on it; then wait for the job to decide a session that is due
        String due = customerInReview(token, "Testman");
        dueNow(decided);
        dueNow(due);
        awaitKycStatus(token, due, "APPROVED");

        kycStatus(token, decided).statusCode(200).body("data.kyc.status", equalTo("REJECTED"));
        assertEquals(List.of(new Change(decided, "WAITING_DATA", "IN_REVIEW"), new Change(decided, "IN_REVIEW", "REJECTED")),
                published.of(decided));
    }

    private static String customerInReview(String token, String lastName) {
        String customerId = newCustomer(token, lastName);
        List<String> slots = kycSlots(token, customerId);
        for (int i = 0; i < slots.size(); i++) {
            upload(token, customerId, slots.get(i), Documents.png(70 + i)).statusCode(200);
        }
        addCardAttributes(token, customerId).statusCode(200).body("data.kyc.status", equalTo("IN_REVIEW"));
        return customerId;
    }

    private void dueNow(String customerId) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement update = connection.prepareStatement(
                "update kyc_session set decision_due_at = now() - interval '1 second' where customer_id = ?")) {
            update.setString(1, customerId);
            assertEquals(1, update.executeUpdate());
        }
    }
}
