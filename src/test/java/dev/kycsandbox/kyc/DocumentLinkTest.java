package dev.kycsandbox.kyc;

import static dev.kycsandbox.support.Api.addCardAttributes;
import static dev.kycsandbox.support.Api.as;
import static dev.kycsandbox.support.Api.assertError;
import static dev.kycsandbox.support.Api.assertRequired;
import static dev.kycsandbox.support.Api.assertValidationFailure;
import static dev.kycsandbox.support.Api.content;
import static dev.kycsandbox.support.Api.decide;
import static dev.kycsandbox.support.Api.kycSlots;
import static dev.kycsandbox.support.Api.kycStatus;
import static dev.kycsandbox.support.Api.linkDocument;
import static dev.kycsandbox.support.Api.newCustomer;
import static dev.kycsandbox.support.Api.newSeparateDocument;
import static dev.kycsandbox.support.Api.readyForReview;
import static dev.kycsandbox.support.Api.separateDocumentWith;
import static dev.kycsandbox.support.Api.token;
import static dev.kycsandbox.support.Api.upload;
import static dev.kycsandbox.support.Api.uploadRaw;
import static dev.kycsandbox.support.Api.uploadSeparate;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.kycsandbox.sandbox.SandboxResource;
import dev.kycsandbox.support.Api;
import dev.kycsandbox.support.Documents;
import dev.kycsandbox.support.Storage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** {@code POST /customer/kyc/document-link}: a separately uploaded document copied into a KYC slot, black-box. */
@QuarkusTest
class DocumentLinkTest {


    @Test
    void shouldCopyTheSeparateDocumentIntoTheSlot() {
        byte[] pdf = Documents.pdf();
        String separate = separateDocumentWith(token(), pdf);
        String customerId = newCustomer(token());
        List<String> slots = kycSlots(token(), customerId);

        Response response = linkDocument(token(), customerId, slots.get(0), separate).statusCode(200)
                .body("code", equalTo("0"))
                .body("requestId", matchesPattern("^[0-9a-f]{32}$"))
                .body("data.customer.customerId", equalTo(customerId))
                .body("data.customer.kycStatus", equalTo("WAITING_DATA"))
                .body("data.kyc.status", equalTo("WAITING_DATA"))
                .body("data.kyc.mode", equalTo("licenseUSACondor"))
                .body("data.kycDocumentList.id", equalTo(slots))
                .body("data.kycDocumentList.uploadStatus", contains(true, false))
                .body("data.kycDocumentList[0].extension", equalTo("pdf"))
                .body("data.kycDocumentList[1]", not(hasKey("extension")))
                .extract().response();
        assertEquals(response.path("requestId"), response.header("x-request-id"));
        assertEquals(List.of("customer", "kyc", "kycDocumentList", "kycAttributes"),
                List.copyOf(response.<Map<String, Object>> path("data").keySet()));
        assertEquals(response.<Object> path("data"), kycStatus(token(), customerId).statusCode(200).extract().path("data"));

        Response stored = content(slots.get(0)).then().statusCode(200)
                .contentType("application/pdf")
                .header(SandboxResource.SHA256_HEADER, equalTo(Documents.sha256(pdf)))
                .extract().response();
        assertArrayEquals(pdf, stored.asByteArray());

        // the slot has its own file, not the separate document's
        String slotBlob = Storage.blobIdOf(slots.get(0));
        String separateBlob = Storage.blobIdOf(separate);
        assertNotEquals(separateBlob, slotBlob);
        assertArrayEquals(pdf, readBlob(slotBlob));
        assertArrayEquals(pdf, readBlob(separateBlob));
        assertNull(Storage.blobIdOf(slots.get(1)));
    }

    @Test
    void shouldOverwriteTheSlotAndDeleteTheSupersededFile() {
        String customerId = newCustomer(token());
        List<String> slots = kycSlots(token(), customerId);
        upload(token(), customerId, slots.get(0), Documents.png(51)).statusCode(200);
        String uploadedBlob = Storage.blobIdOf(slots.get(0));
        assertTrue(Files.exists(Storage.pathOf(uploadedBlob)));

        byte[] jpeg = Documents.jpeg();
        linkDocument(token(), customerId, slots.get(0), separateDocumentWith(token(), jpeg)).statusCode(200)
                .body("data.kycDocumentList.uploadStatus", contains(true, false))
                .body("data.kycDocumentList[0].extension", equalTo("jpg"));

        assertFalse(Files.exists(Storage.pathOf(uploadedBlob)), "the superseded file is gone from disk");
        assertTrue(Files.exists(Storage.pathOf(Storage.blobIdOf(slots.get(0)))));
        assertSlotHolds(slots.get(0), jpeg);

        // a link overwrites a linked file too, and a legacy upload overwrites a linked one
        byte[] docx = Documents.docx();
        String linkedBlob = Storage.blobIdOf(slots.get(0));
        linkDocument(token(), customerId, slots.get(0), separateDocumentWith(token(), docx)).statusCode(200)
                .body("data.kycDocumentList[0].extension", equalTo("docx"));
        assertFalse(Files.exists(Storage.pathOf(linkedBlob)));
        assertSlotHolds(slots.get(0), docx);
        byte[] png = Documents.png(52);
        upload(token(), customerId, slots.get(0), png).statusCode(200)
                .body("data.kycDocumentList[0].extension", equalTo("png"));
        assertSlotHolds(slots.get(0), png);
    }

    @ParameterizedTest
    @ValueSource(strings = { "APPROVED", "REJECTED" })
    void shouldLinkEvenOnceKycIsCompletedWhileTheLegacyUploadStaysRefused(String outcome) {
        String customerId = newCustomer(token());
        List<String> slots = readyForReview(token(), customerId);
        decide(customerId, outcome).statusCode(200);

        byte[] heic = Documents.heic();
        linkDocument(token(), customerId, slots.get(1), separateDocumentWith(token(), heic)).statusCode(200)
                .body("data.kyc.status", equalTo(outcome))
                .body("data.customer.kycStatus", equalTo(outcome))
                .body("data.kycDocumentList.uploadStatus", contains(true, true))
                .body("data.kycDocumentList.extension", contains("png", "heic"));
        assertSlotHolds(slots.get(1), heic);

        assertError(upload(token(), customerId, slots.get(1), Documents.png(53)), 400, "kycCompleted")
                .body("message", equalTo("KYC process has already been completed"));
        assertSlotHolds(slots.get(1), heic);
        kycStatus(token(), customerId).statusCode(200).body("data.kyc.status", equalTo(outcome));
        as(token()).get("/customer/status/{id}", customerId).then().statusCode(200)
                .body("data.kycStatus", equalTo(outcome));
    }

    @Test
    void shouldKeepTheSlotWhenTheSeparateDocumentIsReuploaded() {
        byte[] first = Documents.webp();
        String separate = separateDocumentWith(token(), first);
        String customerId = newCustomer(token());
        List<String> slots = kycSlots(token(), customerId);
        linkDocument(token(), customerId, slots.get(0), separate).statusCode(200);
        String slotBlob = Storage.blobIdOf(slots.get(0));

        byte[] second = Documents.doc();
        uploadSeparate(token(), separate, second).statusCode(200).body("data.extension", equalTo("doc"));

        assertSlotHolds(slots.get(0), first);
        assertEquals(slotBlob, Storage.blobIdOf(slots.get(0)));
        assertTrue(Files.exists(Storage.pathOf(slotBlob)));
        kycStatus(token(), customerId).statusCode(200).body("data.kycDocumentList[0].extension", equalTo("webp"));

        // linking again now copies the new file
        linkDocument(token(), customerId, slots.get(0), separate).statusCode(200)
                .body("data.kycDocumentList[0].extension", equalTo("doc"));
        assertSlotHolds(slots.get(0), second);
        assertFalse(Files.exists(Storage.pathOf(slotBlob)));
    }

    @Test
    void shouldGiveEverySlotItsOwnCopy() {
        byte[] png = Documents.png(54);
        String separate = separateDocumentWith(token(), png);
        String customerId = newCustomer(token());
        List<String> slots = kycSlots(token(), customerId);
        String otherCustomer = newCustomer(token());
        String otherSlot = kycSlots(token(), otherCustomer).get(0);

        linkDocument(token(), customerId, slots.get(0), separate).statusCode(200);
        linkDocument(token(), customerId, slots.get(1), separate).statusCode(200);
        linkDocument(token(), otherCustomer, otherSlot, separate).statusCode(200);

        Set<String> blobs = Set.of(Storage.blobIdOf(separate), Storage.blobIdOf(slots.get(0)),
                Storage.blobIdOf(slots.get(1)), Storage.blobIdOf(otherSlot));
        assertEquals(4, blobs.size(), blobs.toString());
        for (String slot : List.of(slots.get(0), slots.get(1), otherSlot)) {
            assertSlotHolds(slot, png);
        }
    }

    @Test
    void shouldEnterReviewWhenTheLinkFillsTheLastSlot() {
        String customerId = newCustomer(token());
        List<String> slots = kycSlots(token(), customerId);
        addCardAttributes(token(), customerId).statusCode(200).body("data.kyc.status", equalTo("WAITING_DATA"));
        upload(token(), customerId, slots.get(0), Documents.png(55)).statusCode(200)
                .body("data.kyc.status", equalTo("WAITING_DATA"));

        linkDocument(token(), customerId, slots.get(1), separateDocumentWith(token(), Documents.pdf())).statusCode(200)
                .body("data.kyc.status", equalTo("IN_REVIEW"))
                .body("data.customer.kycStatus", equalTo("IN_REVIEW"))
                .body("data.kycDocumentList.uploadStatus", contains(true, true));
        kycStatus(token(), customerId).statusCode(200).body("data.kyc.status", equalTo("IN_REVIEW"));
        as(token()).get("/customer/status/{id}", customerId).then().statusCode(200)
                .body("data.kycStatus", equalTo("IN_REVIEW"));

        // linking in review keeps the review
        linkDocument(token(), customerId, slots.get(0), separateDocumentWith(token(), Documents.jpeg())).statusCode(200)
                .body("data.kyc.status", equalTo("IN_REVIEW"));
    }

    @Test
    void shouldEnterReviewWhenLinksAloneFillEverySlot() {
        String customerId = newCustomer(token());
        List<String> slots = kycSlots(token(), customerId);
        addCardAttributes(token(), customerId).statusCode(200);
        String separate = separateDocumentWith(token(), Documents.png(56));
        linkDocument(token(), customerId, slots.get(0), separate).statusCode(200)
                .body("data.kyc.status", equalTo("WAITING_DATA"));
        linkDocument(token(), customerId, slots.get(1), separate).statusCode(200)
                .body("data.kyc.status", equalTo("IN_REVIEW"));
    }

    @Test
    void shouldStayWaitingWhileAttributesAreMissing() {
        String customerId = newCustomer(token());
        List<String> slots = kycSlots(token(), customerId);
        String separate = separateDocumentWith(token(), Documents.png(57));
        linkDocument(token(), customerId, slots.get(0), separate).statusCode(200);
        linkDocument(token(), customerId, slots.get(1), separate).statusCode(200)
                .body("data.kyc.status", equalTo("WAITING_DATA"))
                .body("data.kyc.attributeCodes", contains("cardAttributes"));
        addCardAttributes(token(), customerId).statusCode(200).body("data.kyc.status", equalTo("IN_REVIEW"));
    }

    @Test
    void shouldAnswerCustomerNotFoundForUnknownOrForeignCustomer() {
        String separate = separateDocumentWith(token(), Documents.png(58));
        String other = Api.tokenOfTenant("tnt-link");
        String theirCustomer = newCustomer(other);
        String theirSlot = kycSlots(other, theirCustomer).get(0);

        Map<String, Object> unknown = errorWithoutRequestId(
                linkDocument(token(), Api.unknownCustomerId(), Api.unknownDocumentId(), separate), "customerNotFound");
        assertEquals("Customer Not Found", unknown.get("message"));
        assertEquals(unknown, errorWithoutRequestId(linkDocument(token(), theirCustomer, theirSlot, separate),
                "customerNotFound"));
        // the customer is checked first, whatever the documents
        assertEquals(unknown, errorWithoutRequestId(linkDocument(token(), Api.unknownCustomerId(),
                Api.unknownDocumentId(), Api.unknownSeparateDocumentId()), "customerNotFound"));

        assertError(content(theirSlot).then(), 404, "documentNotFound");
        kycStatus(other, theirCustomer).statusCode(200).body("data.kycDocumentList.uploadStatus", contains(false, false));
    }

    @Test
    void shouldAnswerDocumentNotFoundForASlotThatIsNotTheCustomers() {
        String separate = separateDocumentWith(token(), Documents.png(59));
        String customerId = newCustomer(token());
        kycSlots(token(), customerId);
        String neighbour = newCustomer(token());
        String neighbourSlot = kycSlots(token(), neighbour).get(0);
        String withoutKyc = newCustomer(token());

        Map<String, Object> unknown = errorWithoutRequestId(
                linkDocument(token(), customerId, Api.unknownDocumentId(), separate), "documentNotFound");
        assertEquals("Document Not Found", unknown.get("message"));
        assertEquals(unknown, errorWithoutRequestId(linkDocument(token(), customerId, neighbourSlot, separate),
                "documentNotFound"));
        assertEquals(unknown, errorWithoutRequestId(linkDocument(token(), customerId, separate, separate),
                "documentNotFound"));
        assertEquals(unknown, errorWithoutRequestId(linkDocument(token(), withoutKyc, neighbourSlot, separate),
                "documentNotFound"));
        // the slot is checked before the separate document
        assertEquals(unknown, errorWithoutRequestId(linkDocument(token(), customerId, Api.unknownDocumentId(),
                Api.unknownSeparateDocumentId()), "documentNotFound"));

        assertError(content(neighbourSlot).then(), 404, "documentNotFound");
        kycStatus(token(), customerId).statusCode(200).body("data.kycDocumentList.uploadStatus", contains(false, false));
    }

    @Test
    void shouldAnswerDocumentNotFoundForASeparateDocumentThatCannotBeLinked() {
        String customerId = newCustomer(token());
        List<String> slots = kycSlots(token(), customerId);
        byte[] kept = Documents.png(60);
        upload(token(), customerId, slots.get(0), kept).statusCode(200);
        String other = Api.tokenOfTenant("tnt-link");
        String theirs = separateDocumentWith(other, Documents.pdf());
        String neverUploaded = newSeparateDocument(token());
        String filledSlotOfAnotherCustomer = slotHolding(Documents.jpeg());

        Map<String, Object> unknown = errorWithoutRequestId(
                linkDocument(token(), customerId, slots.get(0), Api.unknownSeparateDocumentId()), "documentNotFound");
        assertEquals("Separate document not found", unknown.get("message"));
        assertEquals(unknown, errorWithoutRequestId(linkDocument(token(), customerId, slots.get(0), theirs),
                "documentNotFound"));
        assertEquals(unknown, errorWithoutRequestId(linkDocument(token(), customerId, slots.get(0), neverUploaded),
                "documentNotFound"));
        assertEquals(unknown, errorWithoutRequestId(
                linkDocument(token(), customerId, slots.get(0), filledSlotOfAnotherCustomer), "documentNotFound"));
        assertEquals(unknown, errorWithoutRequestId(linkDocument(token(), customerId, slots.get(0), slots.get(1)),
                "documentNotFound"));

        assertSlotHolds(slots.get(0), kept);
        kycStatus(token(), customerId).statusCode(200).body("data.kycDocumentList.uploadStatus", contains(true, false));
        // the other tenant's document is still theirs to link
        String theirCustomer = newCustomer(other);
        String theirSlot = kycSlots(other, theirCustomer).get(0);
        linkDocument(other, theirCustomer, theirSlot, theirs).statusCode(200);
        assertSlotHolds(theirSlot, Documents.pdf());
    }

    @Test
    void shouldRefuseMissingOrMalformedIds() {
        String customerId = newCustomer(token());
        String slot = kycSlots(token(), customerId).get(0);
        String separate = separateDocumentWith(token(), Documents.png(61));
        Map<String, String> valid = Map.of("customerId", customerId, "documentId", slot, "separateDocumentId", separate);

        for (String field : valid.keySet()) {
            Map<String, String> missing = new HashMap<>(valid);
            missing.remove(field);
            Map<String, Object> failure = assertRequired(link(missing), "", field);
            assertEquals("must have required property '" + field + "'", failure.get("message"));

            Map<String, String> malformed = new HashMap<>(valid);
            malformed.put(field, "../" + valid.get(field));
            Map<String, Object> pattern = assertValidationFailure(link(malformed), "/" + field, "pattern");
            assertEquals("^[0-9a-zA-Z_]+$", ((Map<?, ?>) pattern.get("params")).get("pattern"));

            Map<String, String> tooLong = new HashMap<>(valid);
            tooLong.put(field, "a".repeat(37));
            Map<String, Object> length = assertValidationFailure(link(tooLong), "/" + field, "maxLength");
            assertEquals(36, ((Map<?, ?>) length.get("params")).get("max"));

            Map<String, String> empty = new HashMap<>(valid);
            empty.put(field, "");
            assertValidationFailure(link(empty), "/" + field, "minLength");
        }
        assertRequired(link(Map.of()), "", "separateDocumentId");
        assertError(as(token()).contentType(ContentType.JSON).body("{\"customerId\": ")
                .post("/customer/kyc/document-link").then(), 400, "badRequest");
        assertError(as(token()).contentType(ContentType.TEXT).body("customerId=" + customerId)
                .post("/customer/kyc/document-link").then(), 400, "badRequest");

        assertError(content(slot).then(), 404, "documentNotFound");
        linkDocument(token(), customerId, slot, separate).statusCode(200);
    }

    @Test
    void shouldRefuseLinkWithoutValidToken() {
        String customerId = newCustomer(token());
        String slot = kycSlots(token(), customerId).get(0);
        String separate = separateDocumentWith(token(), Documents.png(62));
        Map<String, String> body = Map.of("customerId", customerId, "documentId", slot, "separateDocumentId", separate);
        for (ValidatableResponse response : List.of(
                given().contentType(ContentType.JSON).body(body).post("/customer/kyc/document-link").then(),
                as("not-a-token").contentType(ContentType.JSON).body(body).post("/customer/kyc/document-link").then())) {
            assertError(response, 401, "unauthorized").body("message", equalTo("Authentication error"));
        }
        assertError(content(slot).then(), 404, "documentNotFound");
    }

    @Test
    void shouldKeepRowAndFileAgreeingUnderConcurrentLinksAndUploads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 3; round++) {
                String customerId = newCustomer(token());
                String slot = kycSlots(token(), customerId).get(0);
                List<byte[]> candidates = new ArrayList<>();
                List<Callable<Integer>> requests = new ArrayList<>();
                CountDownLatch start = new CountDownLatch(1);
                for (byte[] linked : List.of(Documents.pdf(), Documents.jpeg())) {
                    String separate = separateDocumentWith(token(), linked);
                    candidates.add(linked);
                    requests.add(() -> {
                        start.await();
                        return linkDocument(token(), customerId, slot, separate).extract().statusCode();
                    });
                }
                for (int i = 0; i < 4; i++) {
                    byte[] uploaded = Documents.png(70 + round * 10 + i);
                    candidates.add(uploaded);
                    requests.add(() -> {
                        start.await();
                        return uploadRaw(token(), customerId, slot, uploaded).statusCode();
                    });
                }
                long filesBefore = Storage.blobFileCount();

                List<Future<Integer>> answers = new ArrayList<>();
                for (Callable<Integer> request : requests) {
                    answers.add(pool.submit(request));
                }
                start.countDown();
                for (Future<Integer> answer : answers) {
                    assertEquals(200, answer.get(60, TimeUnit.SECONDS));
                }

                // the row names one file that got a 200, and that file is whole and alone
                Response stored = content(slot).then().statusCode(200).extract().response();
                byte[] served = stored.asByteArray();
                assertEquals(Documents.sha256(served), stored.header(SandboxResource.SHA256_HEADER), "row and file agree");
                assertTrue(candidates.stream().anyMatch(c -> Arrays.equals(c, served)), "one of the files sent");
                String blob = Storage.blobIdOf(slot);
                assertArrayEquals(served, readBlob(blob));
                assertEquals(filesBefore + 1, Storage.blobFileCount(), "every superseded file was deleted");
                kycStatus(token(), customerId).statusCode(200)
                        .body("data.kycDocumentList[0].uploadStatus", equalTo(true))
                        .body("data.kycDocumentList[0].extension",
                                equalTo(stored.contentType().startsWith("application/pdf") ? "pdf"
                                        : stored.contentType().startsWith("image/jpeg") ? "jpg" : "png"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldCopyWholeFilesWhileTheSeparateDocumentIsReuploaded() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 3; round++) {
                byte[] initial = Documents.png(100 + round * 10);
                String separate = separateDocumentWith(token(), initial);
                String customerId = newCustomer(token());
                List<String> slots = kycSlots(token(), customerId);
                List<byte[]> versions = new ArrayList<>(List.of(initial));
                List<Callable<Integer>> requests = new ArrayList<>();
                CountDownLatch start = new CountDownLatch(1);
                for (int i = 1; i <= 3; i++) {
                    byte[] version = Documents.png(100 + round * 10 + i);
                    versions.add(version);
                    requests.add(() -> {
                        start.await();
                        return uploadSeparate(token(), separate, version).extract().statusCode();
                    });
                }
                for (int i = 0; i < 3; i++) {
                    String slot = slots.get(i % 2);
                    requests.add(() -> {
                        start.await();
                        return linkDocument(token(), customerId, slot, separate).extract().statusCode();
                    });
                }
                long filesBefore = Storage.blobFileCount();

                List<Future<Integer>> answers = new ArrayList<>();
                for (Callable<Integer> request : requests) {
                    answers.add(pool.submit(request));
                }
                start.countDown();
                for (Future<Integer> answer : answers) {
                    assertEquals(200, answer.get(60, TimeUnit.SECONDS), "no copy ever meets a vanished file");
                }

                for (String slot : slots) {
                    Response stored = content(slot).then().statusCode(200).extract().response();
                    byte[] served = stored.asByteArray();
                    assertEquals(Documents.sha256(served), stored.header(SandboxResource.SHA256_HEADER), "row and file agree");
                    assertTrue(versions.stream().anyMatch(v -> Arrays.equals(v, served)), "a whole version of the document");
                }
                byte[] separateNow = readBlob(Storage.blobIdOf(separate));
                assertTrue(versions.subList(1, versions.size()).stream().anyMatch(v -> Arrays.equals(v, separateNow)),
                        "the separate document holds one of its re-uploads");
                // the separate document's superseded files are gone; each slot holds exactly one file
                assertEquals(filesBefore + 2, Storage.blobFileCount());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A slot of a new customer of this tenant, holding {@code content}. */
    private static String slotHolding(byte[] content) {
        String customerId = newCustomer(token());
        String slot = kycSlots(token(), customerId).get(0);
        upload(token(), customerId, slot, content).statusCode(200);
        return slot;
    }

    private static ValidatableResponse link(Map<String, String> body) {
        return as(token()).contentType(ContentType.JSON).body(body).post("/customer/kyc/document-link").then();
    }

    private static void assertSlotHolds(String slotId, byte[] expected) {
        Response stored = content(slotId).then().statusCode(200)
                .header(SandboxResource.SHA256_HEADER, equalTo(Documents.sha256(expected)))
                .extract().response();
        assertArrayEquals(expected, stored.asByteArray());
    }

    /** The error body as a client compares it: everything but the per-request id. */
    private static Map<String, Object> errorWithoutRequestId(ValidatableResponse response, String code) {
        assertError(response, 400, code).body("$", not(hasKey("context")));
        Map<String, Object> body = new HashMap<>(response.extract().path("$"));
        body.remove("requestId");
        return body;
    }

    private static byte[] readBlob(String blobId) {
        try {
            return Files.readAllBytes(Storage.pathOf(blobId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
