package dev.kycsandbox.kyc;

import static dev.kycsandbox.support.Api.as;
import static dev.kycsandbox.support.Api.assertError;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.kycsandbox.auth.AuthService;
import com.fasterxml.jackson.databind.JsonNode;

import dev.kycsandbox.storage.BlobStore;
import dev.kycsandbox.storage.StoredBlob;
import dev.kycsandbox.support.Api;
import dev.kycsandbox.support.Documents;
import dev.kycsandbox.support.RawHttp;
import dev.kycsandbox.support.RawHttp.Framing;
import dev.kycsandbox.support.Storage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** {@code POST /customer/kyc/upload/:customerId/:documentId}, the legacy upload, row by row of the contract. */
@QuarkusTest
class KycUploadTest extends KycUploadApiTests {

    /** {@code sandbox.storage.max-file-size} of the tests: the default 10 MiB. */
    private static final int LIMIT = 10 * 1024 * 1024;
    private static final String BLOB_NAME = "^blob_[0-9A-Za-z]{22}$";

    @Inject
    AuthService auth;

    @Inject
    KycService kyc;

    @Inject
    BlobStore blobStore;

    @ConfigProperty(name = "sandbox.storage.root")
    Path storageRoot;

    private Storage storage;

    @BeforeEach
    void openStorage() {
        storage = Storage.at(storageRoot); // the session itself is opened by KycUploadApiTests
    }

    @AfterEach
    void shouldLeaveNoSpooledUploadBehind() {
        storage.assertNoIncomingFiles();
    }

    // ---- success ------------------------------------------------------------------------------

    static Stream<Arguments> acceptedTypes() {
        return Stream.of(
                arguments("png", Documents.png(3), "image/png"),
                arguments("jpg", Documents.jpeg(), "image/jpeg"),
                arguments("pdf", Documents.pdf(), "application/pdf"),
                arguments("heic", Documents.heic(), "image/heic"),
                arguments("tiff", Documents.tiff(), "image/tiff"),
                arguments("webp", Documents.webp(), "image/webp"),
                arguments("doc", Documents.doc(), "application/msword"),
                arguments("docx", Documents.docx(),
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
    }

    @ParameterizedTest(name = "shouldRecogniseAndStore {0} from its content")
    @MethodSource("acceptedTypes")
    void shouldRecogniseEveryAcceptedTypeFromItsContent(String extension, byte[] content, String mediaType) {
        Api.uploadFile(token, customerId, front, "document.bin", content, "application/octet-stream").then()
                .statusCode(200)
                .body("data.kycDocumentList[0].uploadStatus", equalTo(true))
                .body("data.kycDocumentList[0].extension", equalTo(extension));
        assertStored(front, content, mediaType);
    }

    @Test
    void shouldTakeTheTypeFromContentNotFromFileNameOrPartContentType() {
        byte[] png = Documents.png(4);
        Api.uploadFile(token, customerId, front, "evil.exe", png, "text/plain").then().statusCode(200)
                .body("data.kycDocumentList[0].extension", equalTo("png"));
        assertStored(front, png, "image/png");
    }

    @Test
    void shouldRefuseTextFileNamedAndLabelledAsPng() {
        holdStoredFileIn(front);
        assertRefusedLeavingNothing(
                () -> Api.uploadFile(token, customerId, front, "x.png", Documents.text(), "image/png").then(),
                400, "badRequest");
    }

    @Test
    void shouldRefuseZipThatIsNotAWordDocument() {
        holdStoredFileIn(front);
        assertRefusedLeavingNothing(() -> Api.uploadFile(token, customerId, front, "letter.docx", Documents.plainZip(),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document").then(), 400, "badRequest");
    }

    @Test
    void shouldOverwriteOnReuploadAndDeleteTheSupersededFile() {
        byte[] first = Documents.png(10);
        byte[] second = Documents.pdf();
        Api.upload(token, customerId, front, first).statusCode(200);
        Path firstBlob = blobFileOf(front);
        assertTrue(Files.isRegularFile(firstBlob), firstBlob + " holds the first upload");
        Set<Path> before = storage.blobFiles();

        Api.uploadFile(token, customerId, front, "second.pdf", second, "application/pdf").then().statusCode(200)
                .body("data.kycDocumentList[0].uploadStatus", equalTo(true))
                .body("data.kycDocumentList[0].extension", equalTo("pdf"));

        Path secondBlob = blobFileOf(front);
        assertNotEquals(firstBlob, secondBlob, "a re-upload is a new blob");
        assertFalse(Files.exists(firstBlob), "the superseded blob is deleted");
        Set<Path> expected = new HashSet<>(before);
        expected.remove(firstBlob);
        expected.add(secondBlob);
        assertEquals(expected, storage.blobFiles(), "exactly the superseded file was replaced by the new one");
        assertStored(front, second, "application/pdf");
    }

    // ---- the status machine -------------------------------------------------------------------

    @Test
    void shouldMoveToInReviewOnlyWhenAttributesFollowFilesInEverySlot() {
        Api.upload(token, customerId, front, Documents.png(11)).statusCode(200)
                .body("data.kyc.status", equalTo("WAITING_DATA"));
        Api.upload(token, customerId, back, Documents.png(12)).statusCode(200)
                .body("data.kyc.status", equalTo("WAITING_DATA"))
                .body("data.kyc.attributeCodes", contains("cardAttributes"));
        Api.upload(token, customerId, front, Documents.png(13)).statusCode(200)
                .body("data.kyc.status", equalTo("WAITING_DATA"));
        Api.addCardAttributes(token, customerId).statusCode(200)
                .body("data.kyc.status", equalTo("IN_REVIEW"))
                .body("data.customer.kycStatus", equalTo("IN_REVIEW"));
        // an open session in review still takes re-uploads, and stays in review
        Api.upload(token, customerId, back, Documents.png(14)).statusCode(200)
                .body("data.kyc.status", equalTo("IN_REVIEW"));
        Api.kycStatus(token, customerId).statusCode(200).body("data.kyc.status", equalTo("IN_REVIEW"));
    }

    @Test
    void shouldMoveToInReviewWithTheLastFileWhenAttributesCameFirst() {
        Api.addCardAttributes(token, customerId).statusCode(200)
                .body("data.kyc.status", equalTo("WAITING_DATA"))
                .body("data.kyc.attributeCodes", empty());
        Api.upload(token, customerId, back, Documents.png(15)).statusCode(200)
                .body("data.kyc.status", equalTo("WAITING_DATA"));
        Api.upload(token, customerId, front, Documents.png(16)).statusCode(200)
                .body("data.kyc.status", equalTo("IN_REVIEW"))
                .body("data.customer.kycStatus", equalTo("IN_REVIEW"))
                .body("data.kycDocumentList.uploadStatus", contains(true, true));
        Api.kycStatus(token, customerId).statusCode(200).body("data.kyc.status", equalTo("IN_REVIEW"));
    }

    // ---- completed sessions -------------------------------------------------------------------

    @Test
    void shouldRefuseUploadOnceKycApproved() {
        assertUploadRefusedAfterDecision("APPROVED");
    }

    @Test
    void shouldRefuseUploadOnceKycRejected() {
        assertUploadRefusedAfterDecision("REJECTED");
    }

    private void assertUploadRefusedAfterDecision(String decision) {
        Api.readyForReview(token, customerId);
        byte[] frontFile = Api.content(front).then().statusCode(200).extract().asByteArray();
        byte[] backFile = Api.content(back).then().statusCode(200).extract().asByteArray();
        Api.decide(customerId, decision).statusCode(200).body("data.kyc.status", equalTo(decision));

        for (String slot : List.of(front, back)) {
            assertRefusedLeavingNothing(() -> Api.upload(token, customerId, slot, Documents.png(40)), 400, "kycCompleted")
                    .body("message", equalTo("KYC process has already been completed"));
        }
        assertStored(front, frontFile, "image/png");
        assertStored(back, backFile, "image/png");
        Api.kycStatus(token, customerId).statusCode(200).body("data.kyc.status", equalTo(decision));
    }

    // ---- malformed requests -------------------------------------------------------------------

    @Test
    void shouldRefuseMultipartWithoutFilePartAsFileNotFound() {
        assertRefusedLeavingNothing(() -> as(token).multiPart("file", "just a form field")
                .post("/customer/kyc/upload/{c}/{d}", customerId, front).then(), 400, "badRequest")
                .body("message", equalTo("Bad request. File not found"));
    }

    @Test
    void shouldRefuseTwoFileParts() {
        assertRefusedLeavingNothing(() -> as(token)
                .multiPart("front", "a.png", Documents.png(20), "image/png")
                .multiPart("back", "b.png", Documents.png(21), "image/png")
                .post("/customer/kyc/upload/{c}/{d}", customerId, front).then(), 400, "badRequest");
    }

    @Test
    void shouldRefuseEmptyFile() {
        holdStoredFileIn(front);
        assertRefusedLeavingNothing(() -> Api.upload(token, customerId, front, new byte[0]), 400, "badRequest")
                .body("message", containsString("empty"));
    }

    @Test
    void shouldRefuseUnsupportedFileType() {
        holdStoredFileIn(front);
        assertRefusedLeavingNothing(
                () -> Api.uploadFile(token, customerId, front, "notes.txt", Documents.text(), "text/plain").then(),
                400, "badRequest")
                .body("message", containsString("Unsupported file type"));
    }

    @Test
    void shouldRefuseBodyThatIsNotMultipart() {
        assertRefusedLeavingNothing(() -> as(token).contentType(ContentType.JSON)
                .body(Map.of("file", "iVBORw0KGgo="))
                .post("/customer/kyc/upload/{c}/{d}", customerId, front).then(), 400, "badRequest");
    }

    @Test
    void shouldRefuseUploadWithoutToken() {
        assertRefusedLeavingNothing(() -> given().multiPart("file", "license.png", Documents.png(22), "image/png")
                .post("/customer/kyc/upload/{c}/{d}", customerId, front).then(), 401, "unauthorized");
    }

    // ---- ids ----------------------------------------------------------------------------------

    @Test
    void shouldRefuseUnknownDocumentId() {
        assertRefusedLeavingNothing(() -> Api.upload(token, customerId, "doc_0000000000000000000000", Documents.png(23)),
                400, "documentNotFound")
                .body("message", equalTo("Document Not Found"));
    }

    @Test
    void shouldRefuseDocumentOfAnotherCustomerOfTheSameTenantAsNotFound() {
        String otherCustomer = Api.newCustomer(token, "WaitReview");
        String otherSlot = Api.kycSlots(token, otherCustomer).get(0);
        Set<Path> blobs = storage.blobFiles();

        // the other customer's slot, addressed through this customer
        assertRefusedLeavingNothing(() -> Api.upload(token, customerId, otherSlot, Documents.png(24)),
                400, "documentNotFound")
                .body("message", equalTo("Document Not Found"));
        Api.kycStatus(token, otherCustomer).statusCode(200)
                .body("data.kycDocumentList.uploadStatus", contains(false, false));
        assertEquals(blobs, storage.blobFiles());
    }

    @Test
    void shouldRefuseUnknownCustomer() {
        assertRefusedLeavingNothing(() -> Api.upload(token, "cstap_0000000000000000000000", front, Documents.png(25)),
                400, "customerNotFound")
                .body("message", equalTo("Customer Not Found"));
    }

    @Test
    void shouldAnswerCustomerOfAnotherTenantExactlyLikeAnUnknownCustomer() {
        auth.ensureUser("tenant2user", "pw", "tenant2");
        String otherTenant = Api.tokenFor("tenant2user", "pw");
        String foreignCustomer = Api.newCustomer(otherTenant, "WaitReview");
        String foreignSlot = Api.kycSlots(otherTenant, foreignCustomer).get(0);
        Set<Path> blobs = storage.blobFiles();

        Response unknown = Api.uploadRaw(token, "cstap_0000000000000000000000", foreignSlot, Documents.png(26));
        Response foreign = Api.uploadRaw(token, foreignCustomer, foreignSlot, Documents.png(26));

        assertError(foreign.then(), 400, "customerNotFound");
        assertEquals(unknown.statusCode(), foreign.statusCode());
        assertEquals(unknown.<String> path("code"), foreign.<String> path("code"));
        assertEquals(unknown.<String> path("message"), foreign.<String> path("message"));
        assertEquals(unknown.jsonPath().getMap("$").keySet(), foreign.jsonPath().getMap("$").keySet(),
                "the same fields, no context that tells the id exists");
        Api.kycStatus(otherTenant, foreignCustomer).statusCode(200)
                .body("data.kycDocumentList.uploadStatus", contains(false, false));
        assertEquals(blobs, storage.blobFiles());

        // and the other way round: this tenant's customer is unknown to the other tenant
        assertRefusedLeavingNothing(() -> Api.upload(otherTenant, customerId, front, Documents.png(27)),
                400, "customerNotFound")
                .body("message", equalTo("Customer Not Found"));
    }

    // ---- size ----------------------------------------------------------------------------------
    // Large bodies go through the JDK client: RestAssured sends 10 MiB an order of magnitude slower.

    @ParameterizedTest(name = "shouldRefuseFileOneByteOverTheLimitAsPayloadTooLarge sent with {0}")
    @EnumSource(Framing.class)
    void shouldRefuseFileOneByteOverTheLimitAsPayloadTooLarge(Framing framing) throws Exception {
        assertRefusedAsTooLargeLeavingNothing(Documents.pngOfSize(LIMIT + 1), framing);
    }

    @Test
    void shouldRefuseBodyDeclaredFarBeyondTheLimitAsPayloadTooLarge() throws Exception {
        // past the multipart framing allowance too: refused by its declared length, before it is read
        assertRefusedAsTooLargeLeavingNothing(Documents.pngOfSize(LIMIT + 1024 * 1024), Framing.CONTENT_LENGTH);
    }

    @Test
    void shouldRefuseBodyStreamedFarBeyondTheLimitAsPayloadTooLarge() throws Exception {
        // no Content-Length: refused while it streams in
        assertRefusedAsTooLargeLeavingNothing(Documents.pngOfSize(LIMIT + 1024 * 1024), Framing.CHUNKED);
    }

    @Test
    void shouldAcceptFileOfExactlyTheLimit() throws Exception {
        byte[] atLimit = Documents.pngOfSize(LIMIT);
        HttpResponse<byte[]> response = RawHttp.upload(token, customerId, front, atLimit, Framing.CONTENT_LENGTH);
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        JsonNode slot = RawHttp.json(response).path("data").path("kycDocumentList").path(0);
        assertTrue(slot.path("uploadStatus").asBoolean(), slot.toString());
        assertEquals("png", slot.path("extension").asText(), slot.toString());

        HttpResponse<byte[]> stored = RawHttp.content(front);
        assertEquals(200, stored.statusCode());
        assertEquals(LIMIT, stored.body().length);
        assertArrayEquals(atLimit, stored.body(), "stored bytes");
        assertEquals(Documents.sha256(atLimit), stored.headers().firstValue("x-content-sha256").orElse(null));
        assertEquals(LIMIT, kyc.storedFile(front).orElseThrow().size());
    }

    private void assertRefusedAsTooLargeLeavingNothing(byte[] tooLarge, Framing framing) throws Exception {
        Snapshot before = snapshot();
        try {
            HttpResponse<byte[]> response = RawHttp.upload(token, customerId, front, tooLarge, framing);
            RawHttp.assertError(response, 413, "payloadTooLarge");
        } catch (IOException e) {
            // the server may answer 413 and close while the body is still being sent
            if (!RawHttp.isConnectionClosedWhileSending(e)) {
                throw e;
            }
        }
        assertEquals(before, snapshot(), "a refused upload changes nothing");
    }

    // ---- file names ---------------------------------------------------------------------------

    @Test
    void shouldNeverUseTheClientFileName() {
        Path escapeFromIncoming = storage.incomingDirectory().resolve("../../etc/passwd").normalize();
        Path escapeFromBlobs = storage.blobsDirectory().resolve("xx/../../etc/passwd").normalize();
        Set<Path> before = storage.allFiles();

        byte[] png = Documents.png(30);
        Api.uploadFile(token, customerId, front, "../../etc/passwd", png, "image/png").then().statusCode(200)
                .body("data.kycDocumentList[0].extension", equalTo("png"));

        Set<Path> created = new HashSet<>(storage.allFiles());
        created.removeAll(before);
        assertEquals(Set.of(blobFileOf(front)), created, "the upload created its blob and nothing else");
        Path blob = created.iterator().next();
        String name = blob.getFileName().toString();
        assertTrue(name.matches(BLOB_NAME), "a server-made name: " + name);
        assertEquals(storage.blobsDirectory().resolve(name.substring(5, 7)).resolve(name), blob);
        assertFalse(Files.exists(escapeFromIncoming), escapeFromIncoming + " was created");
        assertFalse(Files.exists(escapeFromBlobs), escapeFromBlobs + " was created");
        assertFalse(Files.exists(storage.root().getParent().resolve("etc")));
        Response download = Api.content(front);
        assertFalse(download.header("Content-Disposition").contains("passwd"), download.header("Content-Disposition"));
        assertStored(front, png, "image/png");
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** What a refused upload must leave as it was: the blob files, the session and its slots, each slot's stored file. */
    private record Snapshot(Set<Path> blobFiles, Map<String, Object> kyc, List<Optional<StoredBlob>> storedFiles) {
    }

    private Snapshot snapshot() {
        Map<String, Object> data = Api.kycStatus(token, customerId).statusCode(200).extract().path("data");
        return new Snapshot(storage.blobFiles(), data, Stream.of(front, back).map(kyc::storedFile).toList());
    }

    private ValidatableResponse assertRefusedLeavingNothing(Supplier<ValidatableResponse> request, int status, String code) {
        Snapshot before = snapshot();
        ValidatableResponse response = assertError(request.get(), status, code);
        assertEquals(before, snapshot(), "a refused upload changes nothing");
        return response;
    }

    /** Fills the slot first, so that a refusal is seen to keep the stored file too. */
    private void holdStoredFileIn(String slotId) {
        Api.upload(token, customerId, slotId, Documents.png(99)).statusCode(200);
    }

    /** The blob file that slot {@code slotId}'s row points at. */
    private Path blobFileOf(String slotId) {
        String blobId = kyc.storedFile(slotId).orElseThrow().id();
        assertTrue(blobId.matches(BLOB_NAME), blobId);
        return blobStore.pathOf(blobId).toAbsolutePath().normalize();
    }

}
