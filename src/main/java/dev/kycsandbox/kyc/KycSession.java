package dev.kycsandbox.kyc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
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

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.api.Ids;
import dev.kycsandbox.customer.Customer;
import dev.kycsandbox.storage.StoredBlob;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One pass of a customer through KYC, with its document slots. The rules of the flow live here:
 * what may change while the session is open, which status follows a change, and what the
 * sandbox's outcome rules decide once the session is in review.
 */
@Entity
@DynamicUpdate // an upload changes a few columns: the UPDATE binds (and converts) only those
@Table(name = "kyc_session")
public class KycSession extends PanacheEntityBase {

    /** Newest first; the id breaks a tie of creation times left by rows written before {@link #openingTime}. */
    private static final String LATEST_FIRST = "customer.id = ?1 order by createdAt desc, id desc";

    @Id
    public String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id")
    public Customer customer;

    @Column(nullable = false)
    public String mode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public KycStatus status;

    /** Attribute groups still requested ({@code kyc.attributeCodes}). */
    @Mutability(Immutability.class) // replaced, never changed in place: no deep copy to dirty-check
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "missing_attribute_codes", nullable = false)
    public List<String> missingAttributeCodes;

    /** Attribute groups supplied so far ({@code kycAttributes}). */
    @Mutability(Immutability.class) // replaced, never changed in place: no deep copy to dirty-check
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> attributes;

    @Column(name = "webhook_url")
    public String webhookUrl;

    @Column(name = "sync_mode")
    public Boolean syncMode;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /**
     * When the outcome rules decide this session (see {@link #automaticOutcome()}); set on entering
     * IN_REVIEW, in the same transaction, and cleared by every later status change. Null while no
     * automatic decision is pending: not in review, or waiting for an admin ({@code WaitReview}).
     * Persisted, so a decision that was due when the sandbox died is taken after its restart.
     */
    @Column(name = "decision_due_at")
    public Instant decisionDueAt;

    /** Changes made by the current operation, handed to {@link KycService} to publish. */
    @Transient
    private List<KycStatusChanged> changes = new ArrayList<>();

    @OneToMany(mappedBy = "session", cascade = CascadeType.PERSIST)
    @OrderBy("position")
    public List<DocumentSlot> slots = new ArrayList<>();

    /** A new session in WAITING_DATA with one empty slot per document the mode asks for. */
    static KycSession open(Customer customer, KycMode mode, String webhookUrl, Boolean syncMode, Instant now) {
        KycSession session = new KycSession();
        session.id = Ids.newId(Ids.KYC_SESSION);
        session.customer = customer;
        session.mode = mode.wireName();
        session.missingAttributeCodes = List.copyOf(mode.attributeGroups());
        session.attributes = Map.of();
        session.webhookUrl = webhookUrl;
        session.syncMode = syncMode;
        session.createdAt = now;
        int position = 0;
        for (KycMode.SlotSpec spec : mode.slots()) {
            DocumentSlot slot = new DocumentSlot();
            slot.id = Ids.newId(Ids.DOCUMENT_SLOT);
            slot.session = session;
            slot.customerId = customer.id;
            slot.position = position++;
            slot.documentType = spec.type();
            slot.documentSide = spec.side();
            session.slots.add(slot);
        }
        session.changeStatus(KycStatus.WAITING_DATA, now);
        return session;
    }

    /** Whether files and attributes may still change: only until the KYC process is complete. */
    public boolean isOpen() {
        return !status.isTerminal();
    }

    void requireOpen() {
        if (!isOpen()) {
            throw new ApiException(ErrorCode.KYC_COMPLETED);
        }
    }

    /** Fills (or overwrites) a slot; returns the superseded blob to delete after commit. */
    Optional<String> upload(DocumentSlot slot, StoredBlob blob, Instant now) {
        requireOpen();
        Optional<String> superseded = slot.fill(blob, now);
        advance(now);
        return superseded;
    }

    /**
     * Fills (or overwrites) a slot with a copy of a separately uploaded document. Unlike an upload
     * this is allowed in any status: connectFi links documents even once KYC is APPROVED. A
     * completed session keeps its status; an open one may move on like after an upload. Returns
     * the superseded blob to delete after commit.
     */
    Optional<String> link(DocumentSlot slot, StoredBlob copy, Instant now) {
        Optional<String> superseded = slot.fill(copy, now);
        advance(now);
        return superseded;
    }

    void addAttributes(String group, Object values, Instant now) {
        requireOpen();
        Map<String, Object> supplied = new LinkedHashMap<>(attributes);
        supplied.put(group, values);
        attributes = supplied;
        missingAttributeCodes = missingAttributeCodes.stream().filter(code -> !code.equals(group)).toList();
        advance(now);
    }

    /** An admin decision ends an open session. */
    void decide(KycStatus outcome, Instant now) {
        requireOpen();
        if (!outcome.isTerminal()) {
            throw new IllegalArgumentException("A decision is APPROVED or REJECTED, not " + outcome);
        }
        changeStatus(outcome, now);
    }

    /** The {@link OutcomeRule}'s decision for this session: empty while it waits for an admin. */
    public Optional<KycStatus> automaticOutcome() {
        return switch (OutcomeRule.forLastNames(customer.lastNames)) {
            case WAIT_FOR_ADMIN -> Optional.empty();
            case REJECT -> Optional.of(KycStatus.REJECTED);
            case APPROVE -> Optional.of(KycStatus.APPROVED);
        };
    }

    /**
     * Sets when the outcome rules decide this session, which entered review at {@code enteredReview}:
     * {@code delay} later, or never when the rule leaves the decision to an admin. A session that
     * has already left review again has no decision pending.
     */
    void scheduleAutomaticDecision(Instant enteredReview, Duration delay) {
        decisionDueAt = status != KycStatus.IN_REVIEW ? null
                : automaticOutcome().map(outcome -> enteredReview.plus(delay)).orElse(null);
    }

    /**
     * The outcome rules' decision, taken by the scheduler once {@link #decisionDueAt} has passed.
     * Decides only a session still in review whose rule yields an outcome, and returns whether it
     * did; the pending decision is cleared either way, so the scheduler never sees it again.
     */
    boolean decideAutomatically(Instant now) {
        decisionDueAt = null;
        if (status != KycStatus.IN_REVIEW) {
            return false; // an admin decided first: that decision stands
        }
        Optional<KycStatus> outcome = automaticOutcome();
        outcome.ifPresent(decided -> changeStatus(decided, now));
        return outcome.isPresent();
    }

    /** The status that follows the session's current content: review once nothing is missing. */
    KycStatus nextStatus() {
        boolean complete = missingAttributeCodes.isEmpty() && slots.stream().allMatch(DocumentSlot::hasFile);
        return status == KycStatus.WAITING_DATA && complete ? KycStatus.IN_REVIEW : status;
    }

    private void advance(Instant now) {
        KycStatus next = nextStatus();
        if (next != status) {
            changeStatus(next, now);
        }
        updatedAt = now;
    }

    private void changeStatus(KycStatus next, Instant now) {
        if (status != null) {
            changes.add(new KycStatusChanged(this, status, next, now));
        }
        decisionDueAt = null; // a pending automatic decision belongs to the status it was made for
        status = next;
        customer.kycStatus = next.name();
        updatedAt = now;
    }

    /** The status changes since the last call, oldest first. */
    List<KycStatusChanged> drainChanges() {
        List<KycStatusChanged> drained = List.copyOf(changes);
        changes.clear();
        return drained;
    }

    Optional<DocumentSlot> slot(String slotId) {
        return slots.stream().filter(s -> s.id.equals(slotId)).findFirst();
    }

    /** The customer's latest session, locked against concurrent uploads and decisions. */
    static Optional<KycSession> lockLatestOf(String customerId) {
        return find(LATEST_FIRST, customerId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).<KycSession> firstResultOptional();
    }

    /**
     * Locks up to {@code limit} sessions in review whose automatic decision is due at {@code now},
     * earliest first. Rows another transaction holds (an upload, an admin decision, the job of
     * another sandbox on the same database) are skipped rather than waited for; if still due, a
     * later tick takes them.
     */
    static List<KycSession> lockDue(Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<String> ids = getEntityManager().createNativeQuery("""
                select id from kyc_session
                where status = 'IN_REVIEW' and decision_due_at <= ?1
                order by decision_due_at
                limit ?2
                for update skip locked""", String.class)
                .setParameter(1, now).setParameter(2, limit)
                .getResultList();
        return ids.stream().map(id -> KycSession.<KycSession> findById(id)).toList();
    }

    /**
     * The customer's latest session, read with its slots in one statement: a status read never
     * pairs a session with slots that a concurrent upload committed after the session was read.
     */
    static Optional<KycSession> latestOf(String customerId) {
        return getEntityManager().createQuery("select id from KycSession where " + LATEST_FIRST, String.class)
                .setParameter(1, customerId).setMaxResults(1)
                .getResultStream().findFirst()
                .map(id -> getEntityManager().createQuery(
                        "select s from KycSession s left join fetch s.slots where s.id = :id", KycSession.class)
                        .setParameter("id", id).getSingleResult());
    }

    /**
     * When a session opened at {@code now} is created: strictly after the customer's previous one,
     * so that two sessions opened within one millisecond (a decision, then an init) still order by
     * creation time. Callers hold the customer's row lock, which serialises the openings.
     */
    static Instant openingTime(Optional<KycSession> previous, Instant now) {
        return previous.map(p -> p.createdAt.plusMillis(1)).filter(now::isBefore).orElse(now);
    }

    /**
     * Locks the session that owns slot {@code slotId} of customer {@code customerId} of tenant
     * {@code tenantId} (see {@link #owns}), and reads that customer with it: one statement. Only
     * the session row is locked. Its slots are left to load after the lock is held, so they are
     * read as the previous holder committed them.
     */
    static Optional<KycSession> lockOwnerOf(String tenantId, String customerId, String slotId) {
        return find("""
                from KycSession s join fetch s.customer c
                where s.id = (select d.session.id from DocumentSlot d where d.id = ?1 and d.customerId = ?2)
                  and c.tenantId = ?3""", slotId, customerId, tenantId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).<KycSession> singleResultOptional();
    }

    /**
     * Locks the sessions owning any of {@code slotIds}, in the order of their ids (so that two
     * sandboxes sharing the database lock them in the same order), then reads them with their
     * customers and slots: two statements for a whole group commit, the second one run once the
     * locks are held, so it reads what their previous holders committed. By slot id.
     */
    static Map<String, KycSession> lockOwnersOf(List<String> slotIds) {
        if (slotIds.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<String> sessionIds = getEntityManager().createNativeQuery("""
                select s.id from kyc_session s
                where s.id in (select d.session_id from document_slot d where d.id in (?1))
                order by s.id
                for update""", String.class)
                .setParameter(1, slotIds).getResultList();
        if (sessionIds.isEmpty()) {
            return Map.of();
        }
        Map<String, KycSession> bySlot = new HashMap<>();
        getEntityManager().createQuery("""
                select distinct s from KycSession s join fetch s.customer left join fetch s.slots
                where s.id in ?1""", KycSession.class)
                .setParameter(1, sessionIds).getResultList()
                .forEach(session -> session.slots.forEach(slot -> bySlot.put(slot.id, session)));
        return bySlot;
    }

    /** Whether slot {@code slotId} is this session's, for customer {@code customerId} of tenant {@code tenantId}. */
    boolean owns(String tenantId, String customerId, String slotId) {
        return customer.tenantId.equals(tenantId)
                && slot(slotId).filter(slot -> slot.customerId.equals(customerId)).isPresent();
    }
}
