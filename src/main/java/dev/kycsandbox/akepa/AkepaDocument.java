package dev.kycsandbox.akepa;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.api.Ids;
import dev.kycsandbox.storage.FileType;
import dev.kycsandbox.storage.StoredBlob;
import dev.kycsandbox.storage.StoredFileEntity;

/**
 * A document of {@code /akepa/document/generate}: owned by the tenant that generated it, declared
 * with its type and extension, uploaded (and re-uploaded) with {@code /akepa/document/upload},
 * then attached to an application by {@code /akepa/update}. Once that application is completed
 * the document's file is final.
 */
@Entity
@Table(name = "akepa_document")
public class AkepaDocument extends StoredFileEntity {

    /** One of these is enough as identity images. */
    static final String PASSPORT = "passport";
    /** Two of one of these types (front and back) are enough as identity images. */
    static final Set<String> PAIRED_IDENTITY_TYPES = Set.of("license", "identification_card", "residence_permit");

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    /** {@code BUSINESS} or {@code PERSONAL}. */
    @Column(nullable = false)
    public String workflow;

    @Column(nullable = false)
    public String name;

    /** {@code jpg} or {@code png}: the file uploaded must be of this type. */
    @Column(name = "declared_extension", nullable = false)
    public String declaredExtension;

    @Column(name = "document_type", nullable = false)
    public String documentType;

    public String note;

    @Column(name = "note_author")
    public String noteAuthor;

    /** The application it was attached to; null until {@code /akepa/update}. */
    @Column(name = "application_id")
    public String applicationId;

    @Column(name = "attached_at")
    public Instant attachedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    static AkepaDocument generate(String tenantId, String workflow, String name, String extension, String type,
            String note, String noteAuthor, Instant now) {
        AkepaDocument document = new AkepaDocument();
        document.id = Ids.newId(Ids.DOCUMENT_SLOT);
        document.tenantId = tenantId;
        document.workflow = workflow;
        document.name = name;
        document.declaredExtension = extension;
        document.documentType = type;
        document.note = note;
        document.noteAuthor = noteAuthor;
        document.createdAt = now;
        return document;
    }

    /**
     * Whether a file of {@code detected} type may be stored as this document: only the type its
     * declared extension names.
     */
    boolean accepts(FileType detected) {
        return FileType.fromExtension(declaredExtension).filter(declared -> declared == detected).isPresent();
    }

    /**
     * May a file be stored as this document now? Not once the application it is attached to is
     * completed ({@code applicationCompleted}, whatever the file); then only a file of the declared
     * type ({@code badRequest}). {@code detected} is null when the body held no usable file, which
     * the storing itself refuses.
     */
    void requireUploadable(Optional<AkepaApplication> attachedTo, FileType detected) {
        attachedTo.ifPresent(AkepaApplication::requireOpen);
        if (detected != null && !accepts(detected)) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "Bad request. The file is " + detected.extension()
                    + " but the document was generated with extension " + declaredExtension);
        }
    }

    /**
     * Points the document at {@code blob}: re-uploads overwrite as long as the application it is
     * attached to, if any, is not completed (see {@link #requireUploadable}). Returns the blob it replaces.
     */
    Optional<String> upload(Optional<AkepaApplication> attachedTo, StoredBlob blob, Instant now) {
        requireUploadable(attachedTo, blob.type());
        return replaceFile(blob, now);
    }

    boolean isAttached() {
        return applicationId != null;
    }

    /** Another tenant's document is not found, exactly like an unknown id. */
    static Optional<AkepaDocument> lockInTenant(String tenantId, String id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /** The documents attached to {@code applicationId}, locked in id order (the order every writer locks them in). */
    static List<AkepaDocument> lockAttachedTo(String applicationId) {
        return find("applicationId = ?1 order by id", applicationId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /**
     * Locks, in id order, the documents attached to {@code applicationId} and the tenant's
     * documents among {@code ids}, in one statement: one order for every lock an update takes.
     */
    static List<AkepaDocument> lockAttachedToOr(String applicationId, String tenantId, Collection<String> ids) {
        return find("applicationId = ?1 or (tenantId = ?2 and id in ?3) order by id", applicationId, tenantId, ids)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    static Collection<String> blobIdsAmong(Collection<String> blobIds) {
        return getEntityManager()
                .createQuery("select d.blobId from AkepaDocument d where d.blobId in :ids", String.class)
                .setParameter("ids", blobIds)
                .getResultList();
    }

    /** Deletes every document of the tenant, returning the blobs they pointed at (see SeparateDocument#deleteAllOf). */
    @SuppressWarnings("unchecked")
    static List<String> deleteAllOf(String tenantId) {
        List<String> blobIds = getEntityManager()
                .createNativeQuery("delete from akepa_document where tenant_id = ?1 returning blob_id")
                .setParameter(1, tenantId)
                .getResultList();
        return blobIds.stream().filter(id -> id != null).toList();
    }
}
