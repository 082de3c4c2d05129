package dev.kycsandbox.kyc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.customer.Customer;
import dev.kycsandbox.customer.CustomerService;
import dev.kycsandbox.document.SeparateDocumentService;
import dev.kycsandbox.storage.StoredBlob;
import dev.kycsandbox.tenant.TenantService;
import dev.kycsandbox.upload.GroupCommit;
import dev.kycsandbox.upload.ReceivedUpload;

/** The KYC flow: sessions, attributes, uploads into slots and decisions, each in one transaction. */
@ApplicationScoped
public class KycService {

    private final CustomerService customers;
    private final TenantService tenants;
    private final GroupCommit commits;
    private final SlotOwners slotOwners;
    private final Event<KycStatusChanged> statusChanges;
    private final SeparateDocumentService separateDocuments;
    private final KycConfig config;

    public KycService(CustomerService customers, TenantService tenants, GroupCommit commits, SlotOwners slotOwners,
            Event<KycStatusChanged> statusChanges, SeparateDocumentService separateDocuments, KycConfig config) {
        this.customers = customers;
        this.tenants = tenants;
        this.commits = commits;
        this.slotOwners = slotOwners;
        this.statusChanges = statusChanges;
        this.separateDocuments = separateDocuments;
        this.config = config;
    }

    /** Opens a session in the tenant's KYC mode, or returns the customer's open one unchanged. */
    @Transactional
    public KycView init(String tenantId, String customerId, String webhookUrl, Boolean syncMode) {
        // the customer row lock makes concurrent inits of one customer open a single session
        Customer customer = Customer.lockInTenant(tenantId, customerId)
                .orElseThrow(() -> new ApiException(ErrorCode.CUSTOMER_NOT_FOUND));
        Optional<KycSession> latest = KycSession.latestOf(customer.id);
        KycSession session = latest.filter(KycSession::isOpen).orElseGet(() -> {
            KycSession opened = KycSession.open(customer, modeOf(tenantId), webhookUrl, syncMode,
                    KycSession.openingTime(latest, now()));
            opened.persist();
            return opened;
        });
        return KycView.of(session);
    }

    @Transactional
    public KycView status(String tenantId, String customerId) {
        return KycView.of(KycSession.latestOf(customers.require(tenantId, customerId).id)
                .orElseThrow(() -> new ApiException(ErrorCode.KYC_NOT_FOUND)));
    }

    @Transactional
    public KycView addCardAttributes(String tenantId, String customerId, CardAttributes attributes) {
        KycSession session = lockLatest(customers.require(tenantId, customerId));
        session.addAttributes(CardAttributes.GROUP, attributes, now());
        return publishedView(session);
    }

    /**
     * Stores {@code upload} in slot {@code slotId}, in the next group commit. The session row stays
     * locked from the check that it is open until the commit, so an upload and a decision never
     * interleave: no file is accepted once the terminal status is committed, and the stored file
     * is one that got a 200. Who and where come first, then the session's state, then the body:
     * after a decision every upload is {@code kycCompleted}, whatever it carries.
     */
    public CompletionStage<KycView> upload(String tenantId, String customerId, String slotId, ReceivedUpload upload) {
        return commits.store(upload, slotId, slotOwners, (transaction, file) -> {
            KycSession session = slotOwners.lock(tenantId, customerId, slotId)
                    .orElseThrow(() -> slotNotFound(tenantId, customerId));
            session.requireOpen(); // before storing the file: a refused upload leaves no trace
            DocumentSlot slot = session.slot(slotId).orElseThrow();
            transaction.supersede(session.upload(slot, transaction.store(file), now()));
            return publishedView(session);
        });
    }

    /**
     * Copies separate document {@code separateDocumentId} into slot {@code slotId}, in any status
     * of the session. The slot gets its own blob, so re-uploading the separate document later
     * leaves the slot alone. Serialised like {@link #upload} on the session row; the separate
     * document's row is share-locked meanwhile, so its file cannot be replaced mid-copy. Runs in
     * the next group commit, like uploads.
     */
    public CompletionStage<KycView> link(String tenantId, String customerId, String slotId, String separateDocumentId) {
        return commits.run(slotId, slotOwners, transaction -> {
            KycSession session = slotOwners.lock(tenantId, customerId, slotId)
                    .orElseThrow(() -> slotNotFound(tenantId, customerId));
            DocumentSlot slot = session.slot(slotId).orElseThrow();
            StoredBlob source = separateDocuments.lockFileToCopy(tenantId, separateDocumentId)
                    .orElseThrow(() -> new ApiException(ErrorCode.SEPARATE_DOCUMENT_NOT_FOUND));
            transaction.supersede(session.link(slot, transaction.copy(source), now()));
            return publishedView(session);
        });
    }

    /** The file stored in KYC slot {@code slotId}, if it holds one. */
    @Transactional
    public Optional<StoredBlob> storedFile(String slotId) {
        return DocumentSlot.<DocumentSlot> findByIdOptional(slotId).filter(DocumentSlot::hasFile)
                .map(DocumentSlot::storedBlob);
    }

    /** Ends the customer's open session with an admin decision (any tenant: the admin sees all). */
    @Transactional
    public KycView decide(String customerId, KycStatus outcome) {
        Customer customer = Customer.<Customer> findByIdOptional(customerId)
                .orElseThrow(() -> new ApiException(ErrorCode.CUSTOMER_NOT_FOUND));
        KycSession session = lockLatest(customer);
        session.decide(outcome, now());
        return publishedView(session);
    }

    /**
     * Takes the outcome rules' decision on up to {@code limit} sessions in review whose decision is
     * due, each published like any other status change; returns how many due sessions it took
     * (decided or, when no longer in review, merely cleared).
     */
    @Transactional
    public int decideDue(int limit) {
        Instant now = now();
        List<KycSession> due = KycSession.lockDue(now, limit);
        for (KycSession session : due) {
            session.decideAutomatically(now);
            publishedView(session);
        }
        return due.size();
    }

    /** A tenant's sessions, newest first, for the admin API. */
    @Transactional
    public List<KycSessionSummary> sessionsOfTenant(String tenantId, int limit) {
        return KycSessionSummary.ofTenant(tenantId, limit);
    }

    /** The mode a tenant's new sessions open in. */
    private KycMode modeOf(String tenantId) {
        return KycMode.forTenant(tenants.find(tenantId).map(t -> t.kycMode).orElse(null), config.defaultMode());
    }

    /**
     * Announces the session's status changes inside the current transaction, then renders it.
     * Observers commit or roll back with the change: {@link AutoDecisions} schedules the outcome
     * rules' decision of a session that entered review, the webhook outbox records a delivery.
     */
    private KycView publishedView(KycSession session) {
        session.drainChanges().forEach(statusChanges::fire);
        return KycView.of(session);
    }

    /** Why no session owns the slot: the customer is not the tenant's, or the slot not the customer's. */
    private ApiException slotNotFound(String tenantId, String customerId) {
        customers.require(tenantId, customerId);
        return new ApiException(ErrorCode.DOCUMENT_NOT_FOUND);
    }

    private static KycSession lockLatest(Customer customer) {
        return KycSession.lockLatestOf(customer.id).orElseThrow(() -> new ApiException(ErrorCode.KYC_NOT_FOUND));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
