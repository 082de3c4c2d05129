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
import org.junit.jupiter.params.provider.ValueSource;
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

/** The HTTP-only tests of {@link KycUploadTest}: run in the JVM by it, and against the packaged jar by {@code KycUploadIT}. */
abstract class KycUploadApiTests {

    protected String token;
    protected String customerId;
    protected String front;
    protected String back;

    @BeforeEach
    void openKycSession() {
        token = Api.token();
        // WaitReview: the session stays IN_REVIEW until an admin decision, whatever the outcome rules
        customerId = Api.newCustomer(token, "WaitReview");
        List<String> slots = Api.kycSlots(token, customerId);
        front = slots.get(0);
        back = slots.get(1);
    }

    @ParameterizedTest(name = "shouldRefuseUploadAfter {0} and keep the stored files, over HTTP only")
    @ValueSource(strings = { "APPROVED", "REJECTED" })
    void shouldRefuseUploadAfterDecisionKeepingTheStoredFiles(String decision) {
        Api.readyForReview(token, customerId);
        byte[] frontFile = Api.content(front).then().statusCode(200).extract().asByteArray();
        byte[] backFile = Api.content(back).then().statusCode(200).extract().asByteArray();
        Api.decide(customerId, decision).statusCode(200).body("data.kyc.status", equalTo(decision));

        for (String slot : List.of(front, back)) {
            assertError(Api.upload(token, customerId, slot, Documents.png(41)), 400, "kycCompleted")
                    .body("message", equalTo("KYC process has already been completed"));
        }
        assertStored(front, frontFile, "image/png");
        assertStored(back, backFile, "image/png");
        Api.kycStatus(token, customerId).statusCode(200).body("data.kyc.status", equalTo(decision))
                .body("data.kycDocumentList.uploadStatus", contains(true, true));
    }

    @Test
    void shouldRefuseEveryUploadOnceKycApprovedWhateverItsBody() {
        Api.readyForReview(token, customerId);
        Api.decide(customerId, "APPROVED").statusCode(200);
        // who and where first, then the session's state, then the body: no body gets past kycCompleted
        assertError(as(token).multiPart("note", "no file here").post("/customer/kyc/upload/{c}/{d}", customerId, front)
                .then(), 400, "kycCompleted");
        assertError(as(token).contentType("multipart/form-data; boundary=xyz").body("garbage, no delimiter".getBytes(StandardCharsets.US_ASCII))
                .post("/customer/kyc/upload/{c}/{d}", customerId, front).then(), 400, "kycCompleted");
        assertError(Api.upload(token, customerId, front, Documents.text()), 400, "kycCompleted");
        assertError(Api.upload(token, customerId, Api.unknownDocumentId(), Documents.png(43)), 400, "documentNotFound");
    }

    @Test
    void shouldNameTheExpectedTypeWhenTheUploadIsNotMultipart() {
        assertError(as(token).contentType(ContentType.JSON).body("{}").post("/customer/kyc/upload/{c}/{d}", customerId, front)
                .then(), 400, "badRequest")
                .body("message", equalTo("Bad request. Unsupported Content-Type: expected multipart/form-data with one file part"));
        assertError(as(token).contentType(ContentType.TEXT).body("x").post("/customer/kyc/init").then(), 400, "badRequest")
                .body("message", equalTo("Bad request. Unsupported Content-Type: expected application/json"));
    }

    @Test
    void shouldAnswerUploadWithFullKycResponseMarkingOnlyThatSlot() {
        Api.upload(token, customerId, front, Documents.png(7)).statusCode(200)
                .body("code", equalTo("0"))
                .body("requestId", matchesPattern("^[0-9a-f]{32}$"))
                .body("data.customer.customerId", equalTo(customerId))
                .body("data.customer.kycStatus", equalTo("WAITING_DATA"))
                .body("data.kyc.status", equalTo("WAITING_DATA"))
                .body("data.kyc.system", equalTo("condor"))
                .body("data.kyc.mode", equalTo("licenseUSACondor"))
                .body("data.kyc.attributeCodes", contains("cardAttributes"))
                .body("data.kycDocumentList.id", contains(front, back))
                .body("data.kycDocumentList.label", contains("LICENSE FRONT", "LICENSE BACK"))
                .body("data.kycDocumentList[0].uploadStatus", equalTo(true))
                .body("data.kycDocumentList[0].extension", equalTo("png"))
                .body("data.kycDocumentList[1].uploadStatus", equalTo(false))
                .body("data.kycDocumentList[1]", not(hasKey("extension")));
        Api.kycStatus(token, customerId).statusCode(200)
                .body("data.kycDocumentList.uploadStatus", contains(true, false));
    }

    @Test
    void shouldServeTheStoredBytesWithTheirSha256AndSafeDownloadHeaders() {
        byte[] png = Documents.png(8);
        Api.upload(token, customerId, front, png).statusCode(200);
        assertStored(front, png, "image/png");
        assertError(Api.content(back).then(), 404, "documentNotFound");
    }

    /** The bytes stored for {@code slotId} are {@code expected}, served as a safe download of their type. */
    static void assertStored(String slotId, byte[] expected, String mediaType) {
        Response response = Api.content(slotId);
        assertEquals(200, response.statusCode(), response.asString());
        byte[] served = response.asByteArray();
        assertArrayEquals(expected, served, "stored bytes");
        assertEquals(Documents.sha256(expected), response.header("x-content-sha256"));
        assertEquals(mediaType, response.contentType().split(";")[0].trim());
        assertEquals("nosniff", response.header("X-Content-Type-Options"));
        String disposition = response.header("Content-Disposition");
        assertTrue(disposition != null && disposition.startsWith("attachment"), "Content-Disposition: " + disposition);
    }
}
