package dev.kycsandbox.document;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.storage.StoredBlob;
import dev.kycsandbox.upload.GroupCommit;
import dev.kycsandbox.upload.Prefetch;
import dev.kycsandbox.upload.ReceivedUpload;

/** Separate documents: generated per tenant, uploaded (and overwritten) by the same storage protocol as KYC slots. */
@ApplicationScoped
public class SeparateDocumentService {

    private final GroupCommit commits;

    public SeparateDocumentService(GroupCommit commits) {
        this.commits = commits;
    }

    @Transactional
    public SeparateDocumentView generate(String tenantId) {
        SeparateDocument document = SeparateDocument.generate(tenantId, now());
        document.persist();
        return SeparateDocumentView.of(document);
    }

    /**
     * Stores {@code upload} as the document's file, replacing any earlier one, in the next group
     * commit (the document's id first, then the body: see {@code KycService.upload}). The row stays
     * locked from the lookup to the commit, so concurrent uploads (and links reading the file)
     * are serialised and the row always names the file that got the last 200.
     */
    public CompletionStage<SeparateDocumentView> upload(String tenantId, String documentId, ReceivedUpload upload) {
        return commits.store(upload, documentId, Prefetch.NONE, (transaction, file) -> {
            SeparateDocument document = SeparateDocument.lockInTenant(tenantId, documentId, LockModeType.PESSIMISTIC_WRITE)
                    .orElseThrow(() -> new ApiException(ErrorCode.SEPARATE_DOCUMENT_NOT_FOUND));
            transaction.supersede(document.upload(transaction.store(file), now()));
            return SeparateDocumentView.of(document);
        });
    }

    /**
     * The file of the tenant's document {@code documentId}, for a copy made in the caller's
     * transaction: the row is share-locked until that transaction ends, so no upload replaces
     * (and deletes) the file while it is being copied. Empty when the id is unknown, another
     * tenant's, or holds no file yet.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<StoredBlob> lockFileToCopy(String tenantId, String documentId) {
        return SeparateDocument.lockInTenant(tenantId, documentId, LockModeType.PESSIMISTIC_READ)
                .filter(SeparateDocument::hasFile)
                .map(SeparateDocument::storedBlob);
    }

    /** The file of separate document {@code documentId} of any tenant (the admin sees all), if it holds one. */
    @Transactional
    public Optional<StoredBlob> storedFile(String documentId) {
        return SeparateDocument.<SeparateDocument> findByIdOptional(documentId)
                .filter(SeparateDocument::hasFile)
                .map(SeparateDocument::storedBlob);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
