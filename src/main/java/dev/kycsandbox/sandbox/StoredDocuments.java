package dev.kycsandbox.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;

import jakarta.inject.Singleton;

import dev.kycsandbox.akepa.AkepaService;
import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.document.SeparateDocumentService;
import dev.kycsandbox.kyc.KycService;
import dev.kycsandbox.storage.BlobStore;
import dev.kycsandbox.storage.StoredBlob;

/** The stored file of a KYC slot, a separate document or an Akepa document, any tenant's, for the admin API and the console. */
@Singleton
public class StoredDocuments {

    private static final int READ_ATTEMPTS = 5;

    private final KycService kyc;
    private final SeparateDocumentService separateDocuments;
    private final AkepaService akepa;
    private final BlobStore blobs;

    public StoredDocuments(KycService kyc, SeparateDocumentService separateDocuments, AkepaService akepa, BlobStore blobs) {
        this.kyc = kyc;
        this.separateDocuments = separateDocuments;
        this.akepa = akepa;
        this.blobs = blobs;
    }

    /** A stored file, opened: the caller sends and closes {@code bytes}. */
    public record Opened(StoredBlob blob, InputStream bytes) {
    }

    /** Opens document {@code documentId}'s file; 404 {@code documentNotFound} when the id is unknown or holds none. */
    public Opened open(String documentId) {
        for (int attempt = 1;; attempt++) {
            StoredBlob blob = kyc.storedFile(documentId).or(() -> separateDocuments.storedFile(documentId))
                    .or(() -> akepa.storedFile(documentId))
                    .orElseThrow(() -> new ApiException(ErrorCode.DOCUMENT_NOT_FOUND).withStatus(404));
            try {
                // opened before answering: a re-upload that deletes this blob later cannot take
                // the bytes away mid-response (the file is sent whole from the open handle)
                return new Opened(blob, Files.newInputStream(blobs.pathOf(blob.id())));
            } catch (NoSuchFileException superseded) {
                // a re-upload committed between reading the row and opening its file: the row
                // now names the newer file, so read it again
                if (attempt == READ_ATTEMPTS) {
                    throw new IllegalStateException("Document " + documentId + " changed " + attempt + " times while read");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read document " + documentId, e);
            }
        }
    }
}
