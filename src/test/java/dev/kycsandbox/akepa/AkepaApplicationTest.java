package dev.kycsandbox.akepa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.customer.Customer;
import dev.kycsandbox.storage.FileType;
import dev.kycsandbox.storage.StoredBlob;

/** Akepa's status machine and document rules on the domain objects alone: no HTTP, no database. */
class AkepaApplicationTest {

    private static final Instant STARTED = Instant.parse("2024-05-01T10:00:00.000Z");
    private static final Instant LATER = STARTED.plusSeconds(5);
    private static final Duration DELAY = Duration.ofSeconds(3);

    /** Nothing attached yet: the first update of an application. */
    private final List<AkepaDocument> attached = List.of();
    /** Every document made, to find those an application holds. */
    private final List<AkepaDocument> attachedDocuments = new ArrayList<>();
    private int blobs;

    @Test
    void shouldStartPendingStepUpWithTheCustomerAsItsOnlyEntity() {
        AkepaApplication application = application("Testman", true, false);
        assertEquals(ApplicationStatus.PENDING_STEP_UP, application.status);
        assertTrue(application.id.matches("^iapp_[0-9A-Za-z]{22}$"), application.id);
        assertEquals(1, application.entities.size());
        assertEquals(application.customer.id, application.entities.get(0).entityId);
        assertTrue(application.entities.get(0).isCustomer);
        ApplicationView view = ApplicationView.of(application);
        assertEquals("pending_step_up", view.status());
        assertNull(view.outcome());
        assertEquals("sandbox", view.aggregatorId());
        assertTrue(application.drainChanges(false).isEmpty(), "starting is no status change to announce");
    }

    @Test
    void shouldStartInDataRequestWhenCustomerDataIsMissing() {
        assertEquals(ApplicationStatus.DATA_REQUEST, application("Testman", false, false).status);
    }

    @Test
    void shouldNeedDateOfBirthSsnAndAddressOfAnIndividual() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String complete = """
                {"dateOfBirth":"1990-04-01","addresses":[{"city":"Austin"}],
                 "identificationDocuments":[{"type":"SSN","value":"123456789"}]}""";
        assertTrue(AkepaApplication.hasRequiredData("individual", json.readTree(complete)));
        assertFalse(AkepaApplication.hasRequiredData("individual", json.readTree(
                "{\"dateOfBirth\":\"1990-04-01\",\"identificationDocuments\":[{\"type\":\"SSN\",\"value\":\"123456789\"}]}")));
        assertFalse(AkepaApplication.hasRequiredData("individual", json.readTree(
                "{\"addresses\":[{}],\"identificationDocuments\":[{\"type\":\"SSN\",\"value\":\"123456789\"}]}")));
        assertFalse(AkepaApplication.hasRequiredData("individual", json.readTree(
                "{\"dateOfBirth\":\"1990-04-01\",\"addresses\":[{}]}")));
        assertTrue(AkepaApplication.hasRequiredData("business", json.readTree(
                "{\"businessAddresses\":[{}],\"identificationDocuments\":[{\"type\":\"FEIN\",\"value\":\"123456789\"}]}")));
        assertFalse(AkepaApplication.hasRequiredData("business", json.readTree(
                "{\"identificationDocuments\":[{\"type\":\"FEIN\",\"value\":\"123456789\"}]}")));
    }

    @Test
    void shouldStayPendingStepUpUntilIdentityImagesAreComplete() {
        AkepaApplication application = application("Testman", true, false);
        application.attach(List.of(uploaded("license")), attached, DELAY, LATER);
        assertEquals(ApplicationStatus.PENDING_STEP_UP, application.status, "one side of a licence is not enough");
        application.attach(List.of(uploaded("utility")), attachedTo(application), DELAY, LATER);
        assertEquals(ApplicationStatus.PENDING_STEP_UP, application.status);
        application.attach(List.of(uploaded("license")), attachedTo(application), DELAY, LATER);
        assertEquals(ApplicationStatus.RUNNING, application.status);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "license", "identification_card", "residence_permit" })
    void shouldLeavePendingStepUpWithAPairOf(String type) {
        AkepaApplication application = application("Testman", true, false);
        application.attach(List.of(uploaded(type), uploaded(type)), attached, DELAY, LATER);
        assertEquals(ApplicationStatus.RUNNING, application.status);
    }

    @Test
    void shouldLeavePendingStepUpWithOnePassport() {
        AkepaApplication application = application("Testman", true, false);
        application.attach(List.of(uploaded("passport")), attached, DELAY, LATER);
        assertEquals(ApplicationStatus.RUNNING, application.status);
        assertEquals(LATER.plus(DELAY), application.decisionDueAt);
        List<ApplicationStatusChanged> changes = application.drainChanges(false);
        assertEquals(1, changes.size());
        assertEquals(ApplicationStatus.PENDING_STEP_UP, changes.get(0).from());
        assertFalse(changes.get(0).asynchronous());
    }

    @Test
    void shouldWaitForReviewWhenLastNameIsWaitReview() {
        AkepaApplication application = application("WaitReview", true, false);
        application.attach(List.of(uploaded("passport")), attached, DELAY, LATER);
        assertEquals(ApplicationStatus.WAITING_REVIEW, application.status);
        assertNull(application.decisionDueAt, "an admin decides");
        assertFalse(application.decideAutomatically(LATER.plus(DELAY)));
        assertEquals(ApplicationStatus.WAITING_REVIEW, application.status);
        application.decide(Outcome.DENIED, LATER.plus(DELAY));
        assertEquals(ApplicationStatus.COMPLETED, application.status);
        assertEquals(Outcome.DENIED, application.outcome);
        ApplicationView view = ApplicationView.of(application);
        assertEquals("Denied", view.outcome());
        assertEquals("denied", view.entityApplications().get(0).outcome());
        assertEquals("completed", view.entityApplications().get(0).status());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({ "Testman, APPROVED", "Rejected, DENIED", "RejectMe, DENIED" })
    void shouldDecideRunningApplicationsByTheLegacyMagicLastNames(String lastName, Outcome expected) {
        AkepaApplication application = application(lastName, true, false);
        application.attach(List.of(uploaded("passport")), attached, DELAY, LATER);
        application.drainChanges(false);
        assertTrue(application.decideAutomatically(LATER.plus(DELAY)));
        assertEquals(ApplicationStatus.COMPLETED, application.status);
        assertEquals(expected, application.outcome);
        assertNull(application.decisionDueAt);
        List<ApplicationStatusChanged> changes = application.drainChanges(true);
        assertEquals(1, changes.size());
        assertEquals(ApplicationStatus.RUNNING, changes.get(0).from());
        assertTrue(changes.get(0).asynchronous());
    }

    @Test
    void shouldDecideInTheUpdateItselfInSyncMode() {
        AkepaApplication application = application("Testman", true, true);
        application.attach(List.of(uploaded("passport")), attached, DELAY, LATER);
        assertEquals(ApplicationStatus.COMPLETED, application.status);
        assertEquals(Outcome.APPROVED, application.outcome);
        assertEquals(2, application.drainChanges(false).size(), "running, then completed, in the request");
    }

    @Test
    void shouldKeepAnAdminDecisionTakenBeforeTheAutomaticOne() {
        AkepaApplication application = application("Testman", true, false);
        application.attach(List.of(uploaded("passport")), attached, DELAY, LATER);
        application.decide(Outcome.DENIED, LATER);
        assertFalse(application.decideAutomatically(LATER.plus(DELAY)));
        assertEquals(Outcome.DENIED, application.outcome);
    }

    @Test
    void shouldRefuseUpdateOnceApplicationCompleted() {
        AkepaApplication application = application("WaitReview", true, false);
        application.decide(Outcome.APPROVED, LATER);
        ApiException refused = assertThrows(ApiException.class,
                () -> application.attach(List.of(uploaded("passport")), attached, DELAY, LATER));
        assertEquals("applicationCompleted", refused.errorCode().code());
        assertEquals("applicationCompleted",
                assertThrows(ApiException.class, () -> application.decide(Outcome.DENIED, LATER)).errorCode().code());
    }

    @Test
    void shouldRefuseDocumentWithoutFileOrOfAnotherApplication() {
        AkepaApplication application = application("Testman", true, false);
        AkepaDocument empty = document("passport", "jpg");
        assertEquals("badRequest", assertThrows(ApiException.class,
                () -> application.attach(List.of(empty), attached, DELAY, LATER)).errorCode().code());
        AkepaDocument others = uploaded("passport");
        others.applicationId = "iapp_other";
        others.attachedAt = STARTED;
        assertEquals("badRequest", assertThrows(ApiException.class,
                () -> application.attach(List.of(others), attached, DELAY, LATER)).errorCode().code());
        assertEquals(ApplicationStatus.PENDING_STEP_UP, application.status);
        assertNull(empty.applicationId, "a refused update attaches nothing");
    }

    @Test
    void shouldOverwriteDocumentUntilItsApplicationIsCompleted() {
        AkepaApplication application = application("WaitReview", true, false);
        AkepaDocument document = uploaded("passport");
        application.attach(List.of(document), attached, DELAY, LATER);
        String first = document.blobId;
        assertEquals(Optional.of(first), document.upload(Optional.of(application), blob(FileType.JPEG), LATER));
    }

    @Test
    void shouldRefuseDocumentOnceApplicationCompleted() {
        AkepaApplication application = application("WaitReview", true, false);
        AkepaDocument document = uploaded("passport");
        application.attach(List.of(document), attached, DELAY, LATER);
        application.decide(Outcome.APPROVED, LATER);
        String stored = document.blobId;
        ApiException refused = assertThrows(ApiException.class,
                () -> document.upload(Optional.of(application), blob(FileType.JPEG), LATER));
        assertEquals("applicationCompleted", refused.errorCode().code());
        // whatever the file: the application's state is checked before the body
        assertEquals("applicationCompleted", assertThrows(ApiException.class,
                () -> document.requireUploadable(Optional.of(application), FileType.PDF)).errorCode().code());
        assertEquals(stored, document.blobId, "the stored file stays");
    }

    @Test
    void shouldRefuseFileOfAnotherTypeThanTheDeclaredExtension() {
        AkepaDocument png = document("passport", "png");
        ApiException refused = assertThrows(ApiException.class,
                () -> png.upload(Optional.empty(), blob(FileType.JPEG), LATER));
        assertEquals("badRequest", refused.errorCode().code());
        assertFalse(png.hasFile());
        assertEquals(Optional.empty(), png.upload(Optional.empty(), blob(FileType.PNG), LATER));
        assertTrue(png.hasFile());
    }

    private AkepaApplication application(String lastName, boolean hasRequiredData, boolean syncMode) {
        Customer customer = new Customer();
        customer.id = "cstap_0123456789abcdefghijkl";
        customer.tenantId = "sandbox";
        customer.lastNames = List.of(lastName);
        return AkepaApplication.start(customer, "journey1", hasRequiredData, null, syncMode, STARTED);
    }

    private List<AkepaDocument> attachedTo(AkepaApplication application) {
        return attachedDocuments.stream().filter(d -> application.id.equals(d.applicationId)).toList();
    }

    private AkepaDocument document(String type, String extension) {
        AkepaDocument document = AkepaDocument.generate("sandbox", "PERSONAL", "image", extension, type, null, null,
                STARTED);
        attachedDocuments.add(document);
        return document;
    }

    private AkepaDocument uploaded(String type) {
        AkepaDocument document = document(type, "jpg");
        document.upload(Optional.empty(), blob(FileType.JPEG), STARTED);
        return document;
    }

    private StoredBlob blob(FileType type) {
        return new StoredBlob("blob_" + (++blobs), 10, "00".repeat(32), type);
    }
}
