package dev.kycsandbox.kyc;

import java.time.Instant;
import java.util.ArrayList;
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

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.api.Ids;
import dev.kycsandbox.customer.Customer;
import dev.kycsandbox.storage.StoredBlob;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One pass of a customer through KYC, with its document slots. The rules of the flow live here:
 * what may change while the session is open, and which status follows a change.
 */
@Entity
@Table(name = "kyc_session")
public class KycSession extends PanacheEntityBase {

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
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "missing_attribute_codes", nullable = false)
    public List<String> missingAttributeCodes;

    /** Attribute groups supplied so far ({@code kycAttributes}). */
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
        return find("customer.id = ?1 order by createdAt desc", customerId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).<KycSession> firstResultOptional();
    }

    static Optional<KycSession> latestOf(String customerId) {
        return find("customer.id = ?1 order by createdAt desc", customerId).firstResultOptional();
    }

    /** Locks the session that owns the customer's slot {@code slotId}. */
    static Optional<KycSession> lockOwnerOf(String customerId, String slotId) {
        return getEntityManager()
                .createQuery("select s.session.id from DocumentSlot s where s.id = :slot and s.customerId = :customer",
                        String.class)
                .setParameter("slot", slotId).setParameter("customer", customerId)
                .getResultStream().findFirst()
                .map(sessionId -> findById(sessionId, LockModeType.PESSIMISTIC_WRITE));
    }
}
