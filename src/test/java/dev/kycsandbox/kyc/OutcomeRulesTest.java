package dev.kycsandbox.kyc;

import static dev.kycsandbox.support.Api.addCardAttributes;
import static dev.kycsandbox.support.Api.as;
import static dev.kycsandbox.support.Api.assertError;
import static dev.kycsandbox.support.Api.awaitKycStatus;
import static dev.kycsandbox.support.Api.decide;
import static dev.kycsandbox.support.Api.initKyc;
import static dev.kycsandbox.support.Api.kycSlots;
import static dev.kycsandbox.support.Api.kycStatus;
import static dev.kycsandbox.support.Api.newCustomer;
import static dev.kycsandbox.support.Api.token;
import static dev.kycsandbox.support.Api.upload;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.kycsandbox.support.Documents;
import dev.kycsandbox.support.StatusChanges;
import dev.kycsandbox.support.StatusChanges.Change;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * The outcome rules with the default configuration: decided by the scheduler at its next tick
 * after the session reached IN_REVIEW, never by the request that completed it.
 */
@QuarkusTest
class OutcomeRulesTest {

    @Inject
    StatusChanges published;

    @Test
    void shouldApproveAnOrdinaryCustomerAsynchronously() {
        String customerId = newCustomer(token(), "Testman");
        List<String> slots = kycSlots(token(), customerId);
        upload(token(), customerId, slots.get(0), Documents.png(51)).statusCode(200);
        upload(token(), customerId, slots.get(1), Documents.png(52)).statusCode(200);
        // KYC is asynchronous at connectFi: the request that completes the session sees it in review
        addCardAttributes(token(), customerId).statusCode(200)
                .body("data.kyc.status", equalTo("IN_REVIEW"))
                .body("data.customer.kycStatus", equalTo("IN_REVIEW"));

        awaitKycStatus(token(), customerId, "APPROVED")
                .body("data.customer.kycStatus", equalTo("APPROVED"))
                .body("data.kycDocumentList.id", equalTo(slots))
                .body("data.kycDocumentList.uploadStatus", contains(true, true));
        as(token()).get("/customer/status/{c}", customerId).then().statusCode(200)
                .body("data.kycStatus", equalTo("APPROVED"));
        assertEquals(List.of(new Change(customerId, "IN_REVIEW", "APPROVED")), decisions(customerId),
                "the scheduler's decision is published like any status change");

        // the KYC process is complete, exactly as after an admin decision
        assertError(upload(token(), customerId, slots.get(0), Documents.png(53)), 400, "kycCompleted");
        assertError(decide(customerId, "REJECTED"), 400, "kycCompleted");
    }

    @ParameterizedTest
    @ValueSource(strings = { "Reject", "Rejectson", "Rejected-Twice" })
    void shouldRejectLastNamesStartingWithReject(String lastName) {
        String customerId = customerInReview(lastName);
        awaitKycStatus(token(), customerId, "REJECTED").body("data.customer.kycStatus", equalTo("REJECTED"));
        assertEquals(List.of(new Change(customerId, "IN_REVIEW", "REJECTED")), decisions(customerId));
    }

    @Test
    void shouldApproveLastNamesThatOnlyResembleTheMagicOnes() {
        for (String lastName : List.of("reject", "Waitreview", "WaitReviewed")) {
            awaitKycStatus(token(), customerInReview(lastName), "APPROVED");
        }
    }

    @Test
    void shouldKeepWaitReviewInReviewUntilAnAdminDecides() {
        String waiting = customerInReview("WaitReview");
        String control = customerInReview("Testman");
        // the control entered review later and is decided: the scheduler has run since, and passed over WaitReview
        awaitKycStatus(token(), control, "APPROVED");
        kycStatus(token(), waiting).statusCode(200).body("data.kyc.status", equalTo("IN_REVIEW"));
        assertEquals(List.of(), decisions(waiting));

        decide(waiting, "APPROVED").statusCode(200).body("data.kyc.status", equalTo("APPROVED"));
        kycStatus(token(), waiting).statusCode(200).body("data.kyc.status", equalTo("APPROVED"));
    }

    @Test
    void shouldDecideNothingBeforeTheSessionIsInReview() {
        String customerId = newCustomer(token(), "Testman");
        List<String> slots = kycSlots(token(), customerId);
        upload(token(), customerId, slots.get(0), Documents.png(54)).statusCode(200);
        addCardAttributes(token(), customerId).statusCode(200).body("data.kyc.status", equalTo("WAITING_DATA"));
        awaitKycStatus(token(), customerInReview("Testman"), "APPROVED");
        kycStatus(token(), customerId).statusCode(200).body("data.kyc.status", equalTo("WAITING_DATA"));

        // the last slot completes it: now the rule applies
        upload(token(), customerId, slots.get(1), Documents.png(55)).statusCode(200)
                .body("data.kyc.status", equalTo("IN_REVIEW"));
        awaitKycStatus(token(), customerId, "APPROVED");
    }

    @Test
    void shouldApplyTheRuleAgainToTheNextSession() {
        String customerId = customerInReview("Rejectson");
        awaitKycStatus(token(), customerId, "REJECTED");
        List<String> slots = initKyc(token(), customerId).statusCode(200)
                .body("data.kyc.status", equalTo("WAITING_DATA")).extract().path("data.kycDocumentList.id");
        complete(customerId, slots).body("data.kyc.status", equalTo("IN_REVIEW"));
        awaitKycStatus(token(), customerId, "REJECTED").body("data.kycDocumentList.id", equalTo(slots));
    }

    @Test
    void shouldLetAnAdminDecisionThatCameFirstStand() {
        // the admin decides while the session still waits for data: nothing is ever due for it
        String customerId = newCustomer(token(), "Testman");
        kycSlots(token(), customerId);
        decide(customerId, "REJECTED").statusCode(200);
        awaitKycStatus(token(), customerInReview("Testman"), "APPROVED");
        kycStatus(token(), customerId).statusCode(200).body("data.kyc.status", equalTo("REJECTED"));
        assertEquals(List.of(new Change(customerId, "WAITING_DATA", "REJECTED")), decisions(customerId));
    }

    private static String customerInReview(String lastName) {
        String customerId = newCustomer(token(), lastName);
        complete(customerId, kycSlots(token(), customerId)).body("data.kyc.status", equalTo("IN_REVIEW"));
        return customerId;
    }

    /** Fills every slot, then the attributes; returns the last response. */
    private static ValidatableResponse complete(String customerId, List<String> slots) {
        for (int i = 0; i < slots.size(); i++) {
            upload(token(), customerId, slots.get(i), Documents.png(60 + i)).statusCode(200);
        }
        return addCardAttributes(token(), customerId).statusCode(200);
    }

    /** The published changes that ended a session. */
    private List<Change> decisions(String customerId) {
        return published.of(customerId).stream()
                .filter(c -> c.to().equals("APPROVED") || c.to().equals("REJECTED")).toList();
    }
}
