package dev.kycsandbox.kyc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.kycsandbox.customer.Customer;
import dev.kycsandbox.storage.FileType;
import dev.kycsandbox.storage.StoredBlob;

/** The outcome rules on the domain objects alone: what each last name yields, and when it is decided. */
class KycOutcomeTest {

    private static final Instant OPENED = Instant.parse("2024-05-01T10:00:00.000Z");
    private static final Duration DELAY = Duration.ofSeconds(30);
    private static final CardAttributes CARD = new CardAttributes("Virtual_Debit_Card", "JESSIE TESTMAN", "1", "PRIMARY",
            "NEW", Map.of());

    private int blobs;

    @ParameterizedTest
    @ValueSource(strings = { "Testman", "Durable", "Reviewer", "waitreview", "WaitReviews", "WAITREVIEW", "reject",
            "Rejoice", "NotRejected", " Reject" })
    void shouldApproveEveryOtherLastName(String lastName) {
        assertEquals(Optional.of(KycStatus.APPROVED), sessionOf(lastName).automaticOutcome());
    }

    @ParameterizedTest
    @ValueSource(strings = { "Reject", "Rejected", "Rejectson", "Reject-Smith" })
    void shouldRejectLastNamesStartingWithReject(String lastName) {
        assertEquals(Optional.of(KycStatus.REJECTED), sessionOf(lastName).automaticOutcome());
    }

    @Test
    void shouldLeaveWaitReviewToAnAdmin() {
        assertEquals(Optional.empty(), sessionOf("WaitReview").automaticOutcome());
    }

    @Test
    void shouldScheduleTheDecisionTheDelayAfterEnteringReview() {
        KycSession session = inReview("Testman");
        assertNull(session.decisionDueAt, "nothing is due before the scheduler is told the session entered review");
        session.scheduleAutomaticDecision(at(7), DELAY);
        assertEquals(at(7).plus(DELAY), session.decisionDueAt);

        KycSession rejected = inReview("Rejectson");
        rejected.scheduleAutomaticDecision(at(7), Duration.ZERO);
        assertEquals(at(7), rejected.decisionDueAt);
    }

    @Test
    void shouldScheduleNothingForWaitReview() {
        KycSession session = inReview("WaitReview");
        session.scheduleAutomaticDecision(at(7), DELAY);
        assertNull(session.decisionDueAt);
    }

    @Test
    void shouldScheduleNothingForSessionOutsideReview() {
        KycSession waiting = sessionOf("Testman");
        waiting.scheduleAutomaticDecision(at(1), DELAY);
        assertNull(waiting.decisionDueAt);

        KycSession decided = inReview("Testman");
        decided.decide(KycStatus.REJECTED, at(8));
        decided.scheduleAutomaticDecision(at(7), DELAY);
        assertNull(decided.decisionDueAt);
    }

    @Test
    void shouldApproveWhenDueAndPublishTheChange() {
        KycSession session = inReview("Testman");
        session.scheduleAutomaticDecision(at(7), DELAY);
        session.drainChanges();

        assertTrue(session.decideAutomatically(at(40)));
        assertEquals(KycStatus.APPROVED, session.status);
        assertEquals("APPROVED", session.customer.kycStatus);
        assertEquals(at(40), session.updatedAt);
        assertNull(session.decisionDueAt);
        assertFalse(session.isOpen(), "an automatic decision completes the KYC process like an admin's");
        List<KycStatusChanged> changes = session.drainChanges();
        assertEquals(1, changes.size());
        assertEquals(KycStatus.IN_REVIEW, changes.get(0).from());
        assertEquals(KycStatus.APPROVED, changes.get(0).to());
        assertEquals(at(40), changes.get(0).at());
    }

    @Test
    void shouldRejectWhenDue() {
        KycSession session = inReview("Rejected");
        session.scheduleAutomaticDecision(at(7), DELAY);
        assertTrue(session.decideAutomatically(at(40)));
        assertEquals(KycStatus.REJECTED, session.status);
        assertEquals("REJECTED", session.customer.kycStatus);
    }

    @ParameterizedTest
    @EnumSource(value = KycStatus.class, names = { "APPROVED", "REJECTED" })
    void shouldLetAnAdminDecisionBeforeTheDueTimeWin(KycStatus adminOutcome) {
        KycSession session = inReview("Testman");
        session.scheduleAutomaticDecision(at(7), DELAY);
        session.decide(adminOutcome, at(10));
        assertNull(session.decisionDueAt, "the admin's decision ends the pending one");
        session.drainChanges();

        assertFalse(session.decideAutomatically(at(40)));
        assertEquals(adminOutcome, session.status);
        assertEquals(adminOutcome.name(), session.customer.kycStatus);
        assertEquals(at(10), session.updatedAt);
        assertEquals(List.of(), session.drainChanges());
    }

    @Test
    void shouldNeverDecideASessionThatIsNotInReview() {
        KycSession waiting = sessionOf("Testman");
        waiting.decisionDueAt = at(1); // as if left behind: the guard does not trust the column
        assertFalse(waiting.decideAutomatically(at(40)));
        assertEquals(KycStatus.WAITING_DATA, waiting.status);
        assertNull(waiting.decisionDueAt);
        assertEquals(List.of(), waiting.drainChanges());
    }

    @Test
    void shouldKeepWaitReviewInReviewEvenWhenAskedToDecide() {
        KycSession session = inReview("WaitReview");
        session.drainChanges();
        assertFalse(session.decideAutomatically(at(40)));
        assertEquals(KycStatus.IN_REVIEW, session.status);
        assertTrue(session.isOpen());
        assertEquals(List.of(), session.drainChanges());
    }

    @Test
    void shouldShowTheSessionsStatusOnTheCustomerObjectOfTheResponse() {
        KycSession session = inReview("Testman");
        session.scheduleAutomaticDecision(at(7), Duration.ZERO);
        session.decideAutomatically(at(8));
        // a request that loaded the customer before the decision committed holds an older copy
        session.customer.kycStatus = "IN_REVIEW";
        KycView view = KycView.of(session);
        assertEquals("APPROVED", view.kyc().status());
        assertEquals("APPROVED", view.customer().kycStatus());
    }

    private KycSession inReview(String lastName) {
        KycSession session = sessionOf(lastName);
        session.upload(session.slots.get(0), blob(), at(5));
        session.upload(session.slots.get(1), blob(), at(6));
        session.addAttributes(CardAttributes.GROUP, CARD, at(7));
        assertEquals(KycStatus.IN_REVIEW, session.status);
        return session;
    }

    private static KycSession sessionOf(String lastName) {
        Customer customer = new Customer();
        customer.id = "cstap_0123456789abcdefghijkl";
        customer.lastNames = Arrays.asList(lastName); // asList: the rule must cope with a null name
        return KycSession.open(customer, KycMode.DEFAULT, null, null, OPENED);
    }

    private StoredBlob blob() {
        blobs++;
        return new StoredBlob(String.format("blob_%022d", blobs), 100, String.format("%064x", blobs), FileType.PNG);
    }

    private static Instant at(int seconds) {
        return OPENED.plusSeconds(seconds);
    }
}
