package dev.kycsandbox.storage;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A row that may hold one stored file (a KYC slot, a separate document): the columns every such
 * table carries, all null until the first upload, and the one way to point the row at a new blob.
 */
@MappedSuperclass
public abstract class StoredFileEntity extends PanacheEntityBase {

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

    public StoredBlob storedBlob() {
        return new StoredBlob(blobId, sizeBytes, sha256, FileType.fromExtension(fileType).orElseThrow());
    }

    /** Points the row at {@code blob}; returns the blob it replaces, to delete once committed. */
    protected Optional<String> replaceFile(StoredBlob blob, Instant now) {
        Optional<String> superseded = Optional.ofNullable(blobId);
        blobId = blob.id();
        sizeBytes = blob.size();
        sha256 = blob.sha256();
        fileType = blob.type().extension();
        uploadedAt = now;
        return superseded;
    }
}
