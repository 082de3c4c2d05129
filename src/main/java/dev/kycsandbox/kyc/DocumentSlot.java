package dev.kycsandbox.kyc;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

import dev.kycsandbox.storage.StoredBlob;
import dev.kycsandbox.storage.StoredFileEntity;

/** A document a KYC session asks for (e.g. LICENSE FRONT) and, once uploaded, the file that fills it. */
@Entity
@DynamicUpdate
@Table(name = "document_slot")
public class DocumentSlot extends StoredFileEntity {

    @Id
    public String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "session_id")
    public KycSession session;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Column(nullable = false)
    public int position;

    @Column(name = "document_type", nullable = false)
    public String documentType;

    @Column(name = "document_side", nullable = false)
    public String documentSide;

    public String label() {
        return documentType + " " + documentSide;
    }

    /** Points the slot at {@code blob}; returns the blob it replaces, to delete once committed. */
    Optional<String> fill(StoredBlob blob, Instant now) {
        return replaceFile(blob, now);
    }

    static Collection<String> blobIdsAmong(Collection<String> blobIds) {
        return getEntityManager()
                .createQuery("select s.blobId from DocumentSlot s where s.blobId in :ids", String.class)
                .setParameter("ids", blobIds)
                .getResultList();
    }
}
