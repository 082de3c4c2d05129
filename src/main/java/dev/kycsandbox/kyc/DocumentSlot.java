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

import dev.kycsandbox.storage.FileType;
import dev.kycsandbox.storage.StoredBlob;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A document a KYC session asks for (e.g. LICENSE FRONT) and, once uploaded, the file that fills it. */
@Entity
@Table(name = "document_slot")
public class DocumentSlot extends PanacheEntityBase {

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

    @Column(name = "blob_id")
    public String blobId;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    public String sha256;

    /** The detected type's extension ({@code png}, {@code jpg}, …). */
    @Column(name = "file_type")
    public String fileType;

    @Column(name = "uploaded_at")
    public Instant uploadedAt;

    public boolean hasFile() {
        return blobId != null;
    }

    public String label() {
        return documentType + " " + documentSide;
    }

    StoredBlob storedBlob() {
        return new StoredBlob(blobId, sizeBytes, sha256, FileType.fromExtension(fileType).orElseThrow());
    }

    /** Points the slot at {@code blob}; returns the blob it replaces, to delete once committed. */
    Optional<String> fill(StoredBlob blob, Instant now) {
        Optional<String> superseded = Optional.ofNullable(blobId);
        blobId = blob.id();
        sizeBytes = blob.size();
        sha256 = blob.sha256();
        fileType = blob.type().extension();
        uploadedAt = now;
        return superseded;
    }

    static Collection<String> blobIdsAmong(Collection<String> blobIds) {
        return getEntityManager()
                .createQuery("select s.blobId from DocumentSlot s where s.blobId in :ids", String.class)
                .setParameter("ids", blobIds)
                .getResultList();
    }
}
