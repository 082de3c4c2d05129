package dev.kycsandbox.storage;

import static dev.kycsandbox.support.Api.assertError;
import static dev.kycsandbox.support.Api.kycSlots;
import static dev.kycsandbox.support.Api.linkDocument;
import static dev.kycsandbox.support.Api.newCustomer;
import static dev.kycsandbox.support.Api.separateDocumentWith;
import static dev.kycsandbox.support.Api.token;
import static dev.kycsandbox.support.Api.upload;
import static dev.kycsandbox.support.Api.uploadSeparate;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.kycsandbox.sandbox.SandboxResource;
import dev.kycsandbox.support.Api;
import dev.kycsandbox.support.Documents;
import dev.kycsandbox.support.Storage;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A full disk met while a file is stored, on any machine (DiskFullIT fills a real filesystem but
 * needs root to mount it): 507 {@code insufficientStorage}, no row changed, no file left, and
 * the next upload once space is back succeeds. Uploads into a slot and into a separate document,
 * and a link's copy, all store through the one {@link BlobStore}.
 */
@QuarkusTest
@TestProfile(FullDiskTest.FullDisk.class)
class FullDiskTest {

    public static class FullDisk implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FullDiskBlobStore.class);
        }
    }

    @Inject
    FullDiskBlobStore disk;

    @ConfigProperty(name = "sandbox.storage.root")
    Path root;

    @AfterEach
    void freeSpace() {
        disk.fill(false);
    }

    @Test
    void shouldRefuseAnUploadWith507AndKeepNothingOfIt() {
        String customerId = newCustomer(token());
        List<String> slots = kycSlots(token(), customerId);
        long blobs = Storage.blobFileCount();
        disk.fill(true);

        assertError(upload(token(), customerId, slots.get(0), Documents.png(91)), 507, "insufficientStorage");

        assertNull(Storage.blobIdOf(slots.get(0)), "no row points at a file");
        assertEquals(blobs, Storage.blobFileCount(), "no file kept");
        Storage.at(root).assertNoIncomingFiles();
        disk.fill(false);
        byte[] later = Documents.png(92);
        upload(token(), customerId, slots.get(0), later).statusCode(200);
        Api.content(slots.get(0)).then().statusCode(200)
                .header(SandboxResource.SHA256_HEADER, equalTo(Documents.sha256(later)));
    }

    @Test
    void shouldKeepThePreviousFilesWhenAnOverwriteOrALinkMeetsAFullDisk() {
        String customerId = newCustomer(token());
        List<String> slots = kycSlots(token(), customerId);
        byte[] first = Documents.png(93);
        upload(token(), customerId, slots.get(0), first).statusCode(200);
        byte[] separate = Documents.pdf();
        String separateId = separateDocumentWith(token(), separate);
        disk.fill(true);

        assertError(uploadSeparate(token(), separateId, Documents.png(94)), 507, "insufficientStorage");
        assertError(linkDocument(token(), customerId, slots.get(0), separateId), 507, "insufficientStorage");

        Api.content(slots.get(0)).then().statusCode(200)
                .header(SandboxResource.SHA256_HEADER, equalTo(Documents.sha256(first)));
        Api.content(separateId).then().statusCode(200)
                .header(SandboxResource.SHA256_HEADER, equalTo(Documents.sha256(separate)));
    }
}
