package dev.kycsandbox.akepa;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.LockModeType;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import com.fasterxml.jackson.databind.JsonNode;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.api.Ids;
import dev.kycsandbox.customer.Customer;
import dev.kycsandbox.kyc.OutcomeRule;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An Akepa application (connectFi's "journey") of one customer, and the rules of its status
 * machine: {@code data_request} or {@code pending_step_up} at the start; out of
 * {@code pending_step_up} once identity images are attached, to {@code waiting_review} (an admin
 * decides) or {@code running} (the outcome rules decide); {@code completed} with an
 * {@link Outcome}, after which nothing changes. The outcome rules are the legacy ones: the same
 * magic last names.
 */
@Entity
@Table(name = "akepa_application")
public class AkepaApplication extends PanacheEntityBase {

    static final String ID_PREFIX = "iapp";
    /** Newest first; the id breaks a tie of creation times. */
    private static final String LATEST_FIRST = "customer.id = ?1 order by createdAt desc, id desc";

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id")
    public Customer customer;

    @Column(nullable = false)
    public String reference;

    @Column(nullable = false)
    @Convert(converter = ApplicationStatus.WireNameConverter.class) // stored as on the wire: running, completed, …
    public ApplicationStatus status;

    @Enumerated(EnumType.STRING)
    public Outcome outcome;

    @Column(name = "webhook_url")
    public String webhookUrl;

    @Column(name = "sync_mode")
    public Boolean syncMode;

    /** When the outcome rules decide this running application; null while no automatic decision is pending. */
    @Column(name = "decision_due_at")
    public Instant decisionDueAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @OneToMany(mappedBy = "application", cascade = CascadeType.PERSIST)
    @OrderBy("position")
    public List<AkepaEntity> entities = new ArrayList<>();

    /** Changes made by the current operation, handed to {@link AkepaService} to publish. */
    @Transient
    private List<ApplicationStatus[]> changes = new ArrayList<>();

    @Transient
    private Instant changedAt;

    /**
     * A new application of {@code customer}: {@code data_request} when the customer's data lacks
     * what a check needs ({@code hasRequiredData}), otherwise {@code pending_step_up}.
     */
    static AkepaApplication start(Customer customer, String reference, boolean hasRequiredData, String webhookUrl,
            Boolean syncMode, Instant now) {
        AkepaApplication application = new AkepaApplication();
        application.id = Ids.newId(ID_PREFIX);
        application.tenantId = customer.tenantId;
        application.customer = customer;
        application.reference = reference;
        application.webhookUrl = webhookUrl;
        application.syncMode = syncMode;
        application.createdAt = now;
        application.updatedAt = now;
        application.status = hasRequiredData ? ApplicationStatus.PENDING_STEP_UP : ApplicationStatus.DATA_REQUEST;
        AkepaEntity entity = new AkepaEntity();
        entity.id = Ids.newId(AkepaEntity.ID_PREFIX);
        entity.application = application;
        entity.entityId = customer.id;
        entity.isCustomer = true;
        entity.position = 0;
        application.entities.add(entity);
        return application;
    }

    /**
     * Whether a customer's data is enough for a check, as connectFi's Akepa asks: an individual's
     * date of birth, SSN and an address; a business's FEIN and a business address. {@code details}
     * is the customer object of {@code /customer/init}.
     */
    static boolean hasRequiredData(String customerType, JsonNode details) {
        boolean business = "business".equals(customerType);
        boolean taxId = false;
        for (JsonNode document : details.path("identificationDocuments")) {
            taxId |= (business ? "FEIN" : "SSN").equals(document.path("type").asText())
                    && !document.path("value").asText().isBlank();
        }
        boolean address = !details.path(business ? "businessAddresses" : "addresses").isEmpty();
        boolean birth = business || !details.path("dateOfBirth").asText().isBlank();
        return taxId && address && birth;
    }

    public boolean isCompleted() {
        return status == ApplicationStatus.COMPLETED;
    }

    void requireOpen() {
        if (isCompleted()) {
            throw new ApiException(ErrorCode.APPLICATION_COMPLETED);
        }
    }

    /**
     * Attaches {@code documents} ({@code /akepa/update}), each holding a file and not another
     * application's, to this open application, whose documents so far are {@code attached}; then
     * moves on: out of {@code pending_step_up} once identity images are complete. With
     * {@code syncMode} a decision the outcome rules take needs no wait, and is taken here.
     * Refuses the whole call on the first document that cannot be attached.
     */
    void attach(List<AkepaDocument> documents, List<AkepaDocument> attached, Duration decisionDelay, Instant now) {
        requireOpen();
        for (AkepaDocument document : documents) {
            if (!document.hasFile()) {
                throw new ApiException(ErrorCode.BAD_REQUEST, "Bad request. Document " + document.id + " holds no file");
            }
            if (document.isAttached() && !id.equals(document.applicationId)) {
                throw new ApiException(ErrorCode.BAD_REQUEST,
                        "Bad request. Document " + document.id + " is attached to another application");
            }
        }
        List<AkepaDocument> all = new ArrayList<>(attached);
        for (AkepaDocument document : documents) {
            if (!document.isAttached()) {
                document.applicationId = id;
                document.attachedAt = now;
                all.add(document);
            }
        }
        updatedAt = now;
        if (status == ApplicationStatus.PENDING_STEP_UP && hasIdentityImages(all)) {
            afterDocuments(decisionDelay, now);
        }
    }

    /**
     * Whether {@code documents} include identity images: a passport, or two documents of one of
     * the types that come as a pair (license, identification card, residence permit).
     */
    static boolean hasIdentityImages(Collection<AkepaDocument> documents) {
        Map<String, Long> byType = documents.stream()
                .collect(Collectors.groupingBy(d -> d.documentType, Collectors.counting()));
        return byType.containsKey(AkepaDocument.PASSPORT) || AkepaDocument.PAIRED_IDENTITY_TYPES.stream()
                .anyMatch(type -> byType.getOrDefault(type, 0L) >= 2);
    }

    /** The step after the documents: manual review for WaitReview, else the outcome rules' decision. */
    private void afterDocuments(Duration decisionDelay, Instant now) {
        Optional<Outcome> automatic = automaticOutcome();
        if (automatic.isEmpty()) {
            changeStatus(ApplicationStatus.WAITING_REVIEW, now);
        } else if (Boolean.TRUE.equals(syncMode)) {
            changeStatus(ApplicationStatus.RUNNING, now);
            complete(automatic.get(), now);
        } else {
            changeStatus(ApplicationStatus.RUNNING, now);
            decisionDueAt = now.plus(decisionDelay);
        }
    }

    /** An admin decision completes an application in any status short of completed. */
    void decide(Outcome decided, Instant now) {
        requireOpen();
        complete(decided, now);
    }

    /**
     * The outcome rules' decision, taken by the scheduler once {@link #decisionDueAt} has passed.
     * Decides only a still running application and returns whether it did; the pending decision is
     * cleared either way.
     */
    boolean decideAutomatically(Instant now) {
        decisionDueAt = null;
        if (status != ApplicationStatus.RUNNING) {
            return false; // an admin decided first: that decision stands
        }
        Optional<Outcome> decided = automaticOutcome();
        decided.ifPresent(o -> complete(o, now));
        return decided.isPresent();
    }

    /** The legacy {@link OutcomeRule} on the customer's last names: empty while it waits for an admin. */
    Optional<Outcome> automaticOutcome() {
        return switch (OutcomeRule.forLastNames(customer.lastNames)) {
            case WAIT_FOR_ADMIN -> Optional.empty();
            case REJECT -> Optional.of(Outcome.DENIED);
            case APPROVE -> Optional.of(Outcome.APPROVED);
        };
    }

    private void complete(Outcome decided, Instant now) {
        outcome = decided;
        changeStatus(ApplicationStatus.COMPLETED, now);
    }

    private void changeStatus(ApplicationStatus next, Instant now) {
        changes.add(new ApplicationStatus[] { status, next });
        changedAt = now;
        decisionDueAt = null; // a pending automatic decision belongs to the status it was made for
        status = next;
        updatedAt = now;
    }

    /** The status changes since the last call, oldest first, as events (asynchronous or not: the caller knows). */
    List<ApplicationStatusChanged> drainChanges(boolean asynchronous) {
        List<ApplicationStatusChanged> drained = changes.stream()
                .map(c -> new ApplicationStatusChanged(this, c[0], c[1], changedAt, asynchronous)).toList();
        changes.clear();
        return drained;
    }

    /** The customer's latest application, if any. */
    static Optional<AkepaApplication> latestOf(String customerId) {
        return find(LATEST_FIRST, customerId).firstResultOptional();
    }

    /** As {@link #latestOf}, locked against concurrent updates and decisions. */
    static Optional<AkepaApplication> lockLatestOf(String customerId) {
        return find(LATEST_FIRST, customerId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    static Optional<AkepaApplication> findInTenant(String tenantId, String applicationId) {
        return find("id = ?1 and tenantId = ?2", applicationId, tenantId).firstResultOptional();
    }

    /**
     * Locks up to {@code limit} running applications whose automatic decision is due, earliest
     * first, skipping rows another transaction holds (see {@code KycSession.lockDue}).
     */
    static List<AkepaApplication> lockDue(Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<String> ids = getEntityManager().createNativeQuery("""
                select id from akepa_application
                where status = 'running' and decision_due_at <= ?1
                order by decision_due_at
                limit ?2
                for update skip locked""", String.class)
                .setParameter(1, now).setParameter(2, limit)
                .getResultList();
        return ids.stream().map(id -> AkepaApplication.<AkepaApplication> findById(id)).toList();
    }
}
