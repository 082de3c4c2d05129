package dev.kycsandbox.kyc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.customer.Customer;
import dev.kycsandbox.storage.FileType;
import dev.kycsandbox.storage.StoredBlob;

/** The KYC flow's rules on the domain objects alone: no HTTP, no database. */
class KycSessionTest {

    private static final Instant OPENED = Instant.parse("2024-05-01T10:00:00.000Z");
    private static final CardAttributes CARD = new CardAttributes("Virtual_Debit_Card", "JESSIE TESTMAN", "1", "PRIMARY",
            "NEW", Map.of());

    private Customer customer;
    private KycSession session;
    private int blobs;

    @BeforeEach
    void openSession() {
        customer = new Customer();
        customer.id = "cstap_0123456789abcdefghijkl";
        session = KycSession.open(customer, KycMode.DEFAULT, "https://hooks.example.com/kyc", true, OPENED);
    }

    @Test
    void shouldOpenWaitingForLicenseSidesAndCardAttributes() {
        assertEquals(KycStatus.WAITING_DATA, session.status);
        assertEquals("WAITING_DATA", customer.kycStatus);
        assertTrue(session.isOpen());
        assertTrue(session.id.matches("^kyc_[0-9A-Za-z]{22}$"), session.id);
        assertSame(customer, session.customer);
        assertEquals("licenseUSACondor", session.mode);
        assertEquals(List.of("cardAttributes"), session.missingAttributeCodes);
        assertEquals(Map.of(), session.attributes);
        assertEquals("https://hooks.example.com/kyc", session.webhookUrl);
        assertEquals(Boolean.TRUE, session.syncMode);
        assertEquals(OPENED, session.createdAt);
        assertEquals(OPENED, session.updatedAt);

        assertEquals(2, session.slots.size());
        assertEquals(List.of("LICENSE FRONT", "LICENSE BACK"), session.slots.stream().map(DocumentSlot::label).toList());
        for (int i = 0; i < 2; i++) {
            DocumentSlot slot = session.slots.get(i);
            assertTrue(slot.id.matches("^doc_[0-9A-Za-z]{22}$"), slot.id);
            assertEquals(i, slot.position);
            assertEquals("LICENSE", slot.documentType);
            assertSame(session, slot.session);
            assertEquals(customer.id, slot.customerId);
            assertFalse(slot.hasFile());
        }
        assertNotEquals(session.slots.get(0).id, session.slots.get(1).id);
    }

    @Test
    void shouldOpenEverySessionWithFreshIds() {
        KycSession other = KycSession.open(customer, KycMode.DEFAULT, null, null, OPENED);
        assertNotEquals(session.id, other.id);
        assertNotEquals(session.slots.get(0).id, other.slots.get(0).id);
        assertNotEquals(session.slots.get(1).id, other.slots.get(1).id);
        assertNull(other.webhookUrl);
        assertNull(other.syncMode);
    }

    @Test
    void shouldWaitForDataUntilAllSlotsAndAttributesAreThere() {
        session.upload(front(), blob(), at(1));
        assertWaiting();
        session.upload(front(), blob(), at(2)); // the same slot again fills nothing new
        assertWaiting();
        session.upload(back(), blob(), at(3));
        assertWaiting(); // both files, but the card attributes are missing
        session.addAttributes(CardAttributes.GROUP, CARD, at(4));
        assertEquals(KycStatus.IN_REVIEW, session.status);
        assertEquals(KycStatus.IN_REVIEW, session.nextStatus());
        assertEquals("IN_REVIEW", customer.kycStatus);
        assertEquals(at(4), session.updatedAt);
        assertTrue(session.isOpen(), "a session in review is still open");
    }

    @Test
    void shouldEnterReviewWithTheLastUploadWhenAttributesCameFirst() {
        session.addAttributes(CardAttributes.GROUP, CARD, at(1));
        assertWaiting();
        assertEquals(List.of(), session.missingAttributeCodes);
        session.upload(back(), blob(), at(2));
        assertWaiting();
        session.upload(front(), blob(), at(3));
        assertEquals(KycStatus.IN_REVIEW, session.status);
        assertEquals("IN_REVIEW", customer.kycStatus);
    }

    @Test
    void shouldStayInReviewOnFurtherChanges() {
        readyForReview();
        session.upload(front(), blob(), at(10));
        session.addAttributes(CardAttributes.GROUP, CARD, at(11));
        assertEquals(KycStatus.IN_REVIEW, session.status);
        assertEquals("IN_REVIEW", customer.kycStatus);
    }

    @Test
    void shouldKeepSuppliedAttributesAndOnlyDropTheirGroup() {
        session.addAttributes(CardAttributes.GROUP, CARD, at(1));
        assertEquals(Map.of("cardAttributes", CARD), session.attributes);
        assertEquals(List.of(), session.missingAttributeCodes);

        CardAttributes replacement = new CardAttributes("P2", "J T", "2", "SECONDARY", "DAMAGED", null);
        session.addAttributes(CardAttributes.GROUP, replacement, at(2));
        assertEquals(Map.of("cardAttributes", replacement), session.attributes);

        session.addAttributes("otherGroup", Map.of("x", 1), at(3));
        assertEquals(2, session.attributes.size());
        assertEquals(List.of(), session.missingAttributeCodes);
    }

    @Test
    void shouldFillTheSlotAndReturnTheSupersededBlob() {
        StoredBlob first = blob();
        assertEquals(Optional.empty(), session.upload(front(), first, at(1)));
        assertEquals(first.id(), front().blobId);
        assertEquals(first.size(), front().sizeBytes);
        assertEquals(first.sha256(), front().sha256);
        assertEquals("png", front().fileType);
        assertEquals(at(1), front().uploadedAt);
        assertTrue(front().hasFile());
        assertFalse(back().hasFile());

        StoredBlob second = new StoredBlob(blobId(), 77, "f".repeat(64), FileType.PDF);
        assertEquals(Optional.of(first.id()), session.upload(front(), second, at(2)));
        assertEquals(second.id(), front().blobId);
        assertEquals(77L, front().sizeBytes);
        assertEquals("pdf", front().fileType);
        assertEquals(at(2), front().uploadedAt);
        assertEquals(second, front().storedBlob());
    }

    @Test
    void shouldLinkIntoASlotAndReturnTheSupersededBlob() {
        StoredBlob uploaded = blob();
        session.upload(front(), uploaded, at(1));
        StoredBlob copy = new StoredBlob(blobId(), 55, "e".repeat(64), FileType.DOCX);

        assertEquals(Optional.of(uploaded.id()), session.link(front(), copy, at(2)));
        assertEquals(copy, front().storedBlob());
        assertEquals("docx", front().fileType);
        assertEquals(at(2), front().uploadedAt);
        assertEquals(at(2), session.updatedAt);

        StoredBlob intoEmpty = blob();
        assertEquals(Optional.empty(), session.link(back(), intoEmpty, at(3)));
        assertEquals(intoEmpty, back().storedBlob());
        assertWaiting();
    }

    @Test
    void shouldEnterReviewWhenALinkFillsTheLastSlot() {
        session.addAttributes(CardAttributes.GROUP, CARD, at(1));
        session.upload(front(), blob(), at(2));
        session.drainChanges();
        session.link(back(), blob(), at(3));
        assertEquals(KycStatus.IN_REVIEW, session.status);
        assertEquals("IN_REVIEW", customer.kycStatus);
        List<KycStatusChanged> changes = session.drainChanges();
        assertEquals(1, changes.size());
        assertEquals(KycStatus.WAITING_DATA, changes.get(0).from());
        assertEquals(KycStatus.IN_REVIEW, changes.get(0).to());
        assertEquals(at(3), changes.get(0).at());

        session.link(front(), blob(), at(4));
        assertEquals(KycStatus.IN_REVIEW, session.status, "a link in review changes no status");
        assertEquals(List.of(), session.drainChanges());
    }

    @ParameterizedTest
    @EnumSource(value = KycStatus.class, names = { "APPROVED", "REJECTED" })
    void shouldLinkOnceDecidedAndKeepTheOutcome(KycStatus outcome) {
        session.upload(front(), blob(), at(1));
        session.decide(outcome, at(2));
        session.drainChanges();
        String decidedFile = front().blobId;

        StoredBlob copy = blob();
        assertEquals(Optional.of(decidedFile), session.link(front(), copy, at(3)));
        assertEquals(copy.id(), front().blobId);
        assertEquals(Optional.empty(), session.link(back(), blob(), at(4)), "an empty slot can be linked too");
        assertTrue(back().hasFile());

        assertEquals(outcome, session.status);
        assertEquals(outcome.name(), customer.kycStatus);
        assertEquals(List.of(), session.drainChanges(), "a completed session keeps its status");
        // the legacy upload stays refused, and leaves the linked file in place
        assertKycCompleted(() -> session.upload(front(), blob(), at(5)));
        assertEquals(copy.id(), front().blobId);
    }

    @ParameterizedTest
    @EnumSource(value = KycStatus.class, names = { "APPROVED", "REJECTED" })
    void shouldEndTheSessionWithADecision(KycStatus outcome) {
        readyForReview();
        session.decide(outcome, at(20));
        assertEquals(outcome, session.status);
        assertEquals(outcome.name(), customer.kycStatus);
        assertEquals(at(20), session.updatedAt);
        assertFalse(session.isOpen());
        assertEquals(outcome, session.nextStatus(), "a terminal status has no successor");
    }

    @ParameterizedTest
    @EnumSource(value = KycStatus.class, names = { "APPROVED", "REJECTED" })
    void shouldAcceptADecisionWhileStillWaitingForData(KycStatus outcome) {
        session.decide(outcome, at(1));
        assertEquals(outcome, session.status);
        assertEquals(outcome.name(), customer.kycStatus);
    }

    @ParameterizedTest
    @EnumSource(value = KycStatus.class, names = { "APPROVED", "REJECTED" })
    void shouldRefuseEveryChangeOnceDecided(KycStatus outcome) {
        session.upload(front(), blob(), at(1));
        readyForReview();
        session.decide(outcome, at(20));
        DocumentSlot front = front();
        String storedBlob = front.blobId;
        Map<String, Object> attributes = session.attributes;

        assertKycCompleted(() -> session.upload(front, blob(), at(21)));
        assertKycCompleted(() -> session.upload(back(), blob(), at(21)));
        assertKycCompleted(() -> session.addAttributes(CardAttributes.GROUP, CARD, at(21)));
        assertKycCompleted(() -> session.decide(KycStatus.APPROVED, at(21)));
        assertKycCompleted(() -> session.decide(KycStatus.REJECTED, at(21)));
        assertKycCompleted(session::requireOpen);

        assertEquals(outcome, session.status);
        assertEquals(outcome.name(), customer.kycStatus);
        assertEquals(storedBlob, front.blobId, "the stored file stays untouched");
        assertSame(attributes, session.attributes);
        assertEquals(at(20), session.updatedAt);
    }

    @ParameterizedTest
    @EnumSource(value = KycStatus.class, names = { "WAITING_DATA", "IN_REVIEW" })
    void shouldRefuseADecisionThatIsNotTerminal(KycStatus notAnOutcome) {
        assertThrows(IllegalArgumentException.class, () -> session.decide(notAnOutcome, at(1)));
        assertWaiting();
        readyForReview();
        assertThrows(IllegalArgumentException.class, () -> session.decide(notAnOutcome, at(20)));
        assertEquals(KycStatus.IN_REVIEW, session.status);
        assertEquals("IN_REVIEW", customer.kycStatus);
    }

    @Test
    void shouldMarkOnlyApprovedAndRejectedAsTerminal() {
        assertFalse(KycStatus.WAITING_DATA.isTerminal());
        assertFalse(KycStatus.IN_REVIEW.isTerminal());
        assertTrue(KycStatus.APPROVED.isTerminal());
        assertTrue(KycStatus.REJECTED.isTerminal());
    }

    @Test
    void shouldFindSlotsById() {
        assertSame(front(), session.slot(front().id).orElseThrow());
        assertSame(back(), session.slot(back().id).orElseThrow());
        assertEquals(Optional.empty(), session.slot("doc_unknown"));
    }

    private void readyForReview() {
        session.upload(front(), blob(), at(5));
        session.upload(back(), blob(), at(6));
        session.addAttributes(CardAttributes.GROUP, CARD, at(7));
        assertEquals(KycStatus.IN_REVIEW, session.status);
    }

    private void assertWaiting() {
        assertEquals(KycStatus.WAITING_DATA, session.status);
        assertEquals(KycStatus.WAITING_DATA, session.nextStatus());
        assertEquals("WAITING_DATA", customer.kycStatus);
    }

    private static void assertKycCompleted(Runnable change) {
        ApiException refused = assertThrows(ApiException.class, change::run);
        assertEquals(ErrorCode.KYC_COMPLETED, refused.errorCode());
        assertEquals(400, refused.status());
        assertEquals("KYC process has already been completed", refused.getMessage());
    }

    private DocumentSlot front() {
        return session.slots.get(0);
    }

    private DocumentSlot back() {
        return session.slots.get(1);
    }

    private StoredBlob blob() {
        return new StoredBlob(blobId(), 100 + blobs, String.format("%064x", blobs), FileType.PNG);
    }

    private String blobId() {
        blobs++;
        return String.format("blob_%022d", blobs);
    }

    private static Instant at(int seconds) {
        return OPENED.plusSeconds(seconds);
    }

    @Test
    void shouldOpenANewSessionStrictlyAfterThePreviousOneEvenWithinOneMillisecond() {
        assertEquals(OPENED.plusMillis(1), KycSession.openingTime(Optional.of(session), OPENED));
        assertEquals(OPENED.plusSeconds(5), KycSession.openingTime(Optional.of(session), OPENED.plusSeconds(5)));
        assertEquals(OPENED, KycSession.openingTime(Optional.empty(), OPENED));
    }
}
