package dev.kycsandbox.document;

import static dev.kycsandbox.support.Api.content;
import static dev.kycsandbox.support.Api.kycSlots;
import static dev.kycsandbox.support.Api.linkDocument;
import static dev.kycsandbox.support.Api.newCustomer;
import static dev.kycsandbox.support.Api.newSeparateDocument;
import static dev.kycsandbox.support.Api.separateDocumentWith;
import static dev.kycsandbox.support.Api.token;
import static dev.kycsandbox.support.Api.uploadSeparate;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;

import org.junit.jupiter.api.Test;

import dev.kycsandbox.sandbox.SandboxResource;
import dev.kycsandbox.storage.StorageSweeper;
import dev.kycsandbox.support.Api;
import dev.kycsandbox.support.Documents;
import dev.kycsandbox.support.Storage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Separate documents seen from the storage side: the start-up sweep keeps their files, a tenant purge removes them. */
@QuarkusTest
class SeparateDocumentStorageTest {

    @Inject
    StorageSweeper sweeper;

    @Inject
    SeparateDocumentTenantData tenantData;


    @Test
    void shouldKeepSeparateDocumentFilesInTheSweep() throws IOException {
        byte[] file = Documents.docx();
        String documentId = separateDocumentWith(token(), file);
        Path blob = Storage.pathOf(Storage.blobIdOf(documentId));
        Path orphan = Storage.pathOf("blob_SeparateOrphan00000000");
        Files.createDirectories(orphan.getParent());
        Files.write(orphan, Documents.png(81));
        Storage.ageBeyondSweepGrace(orphan);
        Storage.ageBeyondSweepGrace(blob);

        sweeper.sweep();

        assertFalse(Files.exists(orphan), "a file no row names is swept");
        assertArrayEquals(file, Files.readAllBytes(blob));
        content(documentId).then().statusCode(200)
                .header(SandboxResource.SHA256_HEADER, equalTo(Documents.sha256(file)));
    }

    @Test
    void shouldPurgeATenantsSeparateDocumentsAndNothingElse() {
        String tenantToken = Api.tokenOfTenant("tnt-purge");
        byte[] linked = Documents.pdf();
        String uploaded = separateDocumentWith(tenantToken, linked);
        String reuploaded = separateDocumentWith(tenantToken, Documents.png(82));
        uploadSeparate(tenantToken, reuploaded, Documents.jpeg()).statusCode(200);
        String empty = newSeparateDocument(tenantToken);
        String customerId = newCustomer(tenantToken);
        String slot = kycSlots(tenantToken, customerId).get(0);
        linkDocument(tenantToken, customerId, slot, uploaded).statusCode(200);
        byte[] othersFile = Documents.tiff();
        String othersDocument = separateDocumentWith(token(), othersFile);
        List<String> expected = List.of(Storage.blobIdOf(uploaded), Storage.blobIdOf(reuploaded));

        List<String> purged = QuarkusTransaction.requiringNew().call(() -> tenantData.purge("tnt-purge"));

        assertEquals(expected.stream().sorted().toList(), purged.stream().sorted().toList(),
                "the current file of every document that held one");
        for (String documentId : List.of(uploaded, reuploaded, empty)) {
            Api.assertError(uploadSeparate(tenantToken, documentId, Documents.png(83)), 400, "documentNotFound");
        }
        // the purge leaves the files to the caller, to delete once committed
        purged.forEach(id -> assertTrue(Files.exists(Storage.pathOf(id)), id));
        purged.forEach(id -> Storage.pathOf(id).toFile().delete());

        // the slot filled from a purged document keeps its own copy; other tenants keep everything
        content(slot).then().statusCode(200).header(SandboxResource.SHA256_HEADER, equalTo(Documents.sha256(linked)));
        content(othersDocument).then().statusCode(200)
                .header(SandboxResource.SHA256_HEADER, equalTo(Documents.sha256(othersFile)));
        assertEquals(List.of(), QuarkusTransaction.requiringNew().call(() -> tenantData.purge("tnt-purge")));
    }

    @Test
    void shouldRefuseToPurgeOutsideATransaction() {
        assertThrows(TransactionalException.class, () -> tenantData.purge("tnt-purge"));
    }
}
