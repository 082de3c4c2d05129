package dev.kycsandbox.document;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import dev.kycsandbox.api.Ids;
import dev.kycsandbox.storage.StoredBlob;
import dev.kycsandbox.storage.StoredFileEntity;

/**
 * A document uploaded apart from any customer ({@code /document/generate}, then
 * {@code /document/upload/:documentId}), owned by the tenant that generated it, to be copied into
 * KYC slots with {@code /customer/kyc/document-link}. Its file may be replaced at any time.
 */
@Entity
@Table(name = "separate_document")
public class SeparateDocument extends StoredFileEntity {

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** A new document of {@code tenantId} with an unguessable id and no file yet. */
    static SeparateDocument generate(String tenantId, Instant now) {
        SeparateDocument document = new SeparateDocument();
        document.id = Ids.newId(Ids.SEPARATE_DOCUMENT);
        document.tenantId = tenantId;
        document.createdAt = now;
        return document;
    }

    /** Points the document at {@code blob}: re-uploads always overwrite. Returns the blob it replaces. */
    Optional<String> upload(StoredBlob blob, Instant now) {
        return replaceFile(blob, now);
    }

    /** Another tenant's document is not found, exactly like an unknown id. */
    static Optional<SeparateDocument> findInTenant(String tenantId, String id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResultOptional();
    }

    /** As {@link #findInTenant}, holding {@code lock} on the row until the transaction ends. */
    static Optional<SeparateDocument> lockInTenant(String tenantId, String id, LockModeType lock) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).withLock(lock).firstResultOptional();
    }

    static Collection<String> blobIdsAmong(Collection<String> blobIds) {
        return getEntityManager()
                .createQuery("select d.blobId from SeparateDocument d where d.blobId in :ids", String.class)
                .setParameter("ids", blobIds)
                .getResultList();
    }

    /**
     * Deletes every document of the tenant and returns the blobs they pointed at. One statement:
     * a concurrent upload is waited for, and the blob it committed is the one returned.
     */
    @SuppressWarnings("unchecked")
    static List<String> deleteAllOf(String tenantId) {
        List<String> blobIds = getEntityManager()
                .createNativeQuery("delete from separate_document where tenant_id = ?1 returning blob_id")
                .setParameter(1, tenantId)
                .getResultList();
        return blobIds.stream().filter(id -> id != null).toList();
    }
}
