package dev.kycsandbox.api;

import static dev.kycsandbox.support.Api.addCardAttributes;
import static dev.kycsandbox.support.Api.as;
import static dev.kycsandbox.support.Api.asAdmin;
import static dev.kycsandbox.support.Api.assertError;
import static dev.kycsandbox.support.Api.decide;
import static dev.kycsandbox.support.Api.initKyc;
import static dev.kycsandbox.support.Api.kycSlots;
import static dev.kycsandbox.support.Api.kycStatus;
import static dev.kycsandbox.support.Api.newCustomer;
import static dev.kycsandbox.support.Api.readyForReview;
import static dev.kycsandbox.support.Api.token;
import static dev.kycsandbox.support.Api.upload;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.kycsandbox.support.AkepaApi;
import dev.kycsandbox.support.Api;
import dev.kycsandbox.support.Documents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Every deprecated connectFi endpoint names its Akepa successor, in its errors too; nothing else does. */
@QuarkusTest
class DeprecatedEndpointsTest {

    /** 2024-01-01T00:00:00Z as an RFC 9745 structured-field date. */
    private static final String DEPRECATION = "@1704067200";
    private static final String IDENTIFICATION = "</akepa/identification>; rel=\"successor-version\"";
    private static final String UPDATE = "</akepa/update>; rel=\"successor-version\"";
    private static final String STATUS = "</akepa/status>; rel=\"successor-version\"";

    @Test
    void shouldAnnounceSuccessorsOnSuccessfulResponses() {
        String customerId = newCustomer(token());
        List<String> slots = kycSlots(token(), customerId);
        deprecated(initKyc(token(), customerId).statusCode(200), IDENTIFICATION);
        deprecated(kycStatus(token(), customerId).statusCode(200), STATUS);
        deprecated(addCardAttributes(token(), customerId).statusCode(200), UPDATE);
        deprecated(upload(token(), customerId, slots.get(0), Documents.png(41)).statusCode(200),
                "</akepa/document/upload/" + slots.get(0) + ">; rel=\"successor-version\"");
    }

    @Test
    void shouldAnnounceSuccessorsOnBusinessErrors() {
        String unknown = Api.unknownCustomerId();
        deprecated(assertError(initKyc(token(), unknown), 400, "customerNotFound"), IDENTIFICATION);
        deprecated(assertError(kycStatus(token(), unknown), 400, "customerNotFound"), STATUS);
        deprecated(assertError(addCardAttributes(token(), unknown), 400, "customerNotFound"), UPDATE);

        String customerId = newCustomer(token());
        deprecated(assertError(kycStatus(token(), customerId), 400, "kycNotFound"), STATUS);
        List<String> slots = readyForReview(token(), customerId);
        String unknownDocument = Api.unknownDocumentId();
        deprecated(assertError(upload(token(), customerId, unknownDocument, Documents.png(42)), 400, "documentNotFound"),
                "</akepa/document/upload/" + unknownDocument + ">; rel=\"successor-version\"");
        decide(customerId, "APPROVED").statusCode(200);
        deprecated(assertError(upload(token(), customerId, slots.get(0), Documents.png(43)), 400, "kycCompleted"),
                "</akepa/document/upload/" + slots.get(0) + ">; rel=\"successor-version\"");
        deprecated(assertError(addCardAttributes(token(), customerId), 400, "kycCompleted"), UPDATE);
    }

    @Test
    void shouldAnnounceSuccessorsOnAuthenticationAndRequestErrors() {
        String customerId = newCustomer(token());
        List<String> slots = kycSlots(token(), customerId);
        String uploadLink = "</akepa/document/upload/" + slots.get(0) + ">; rel=\"successor-version\"";

        deprecated(assertError(given().contentType(ContentType.JSON).body(Map.of("customerId", customerId))
                .post("/customer/kyc/init").then(), 401, "unauthorized"), IDENTIFICATION);
        deprecated(assertError(given().header(Api.TOKEN_HEADER, "not-a-token").get("/customer/kyc/status/{c}", customerId)
                .then(), 401, "unauthorized"), STATUS);
        deprecated(assertError(given().multiPart("file", "a.png", Documents.png(44), "image/png")
                .post("/customer/kyc/upload/{c}/{d}", customerId, slots.get(0)).then(), 401, "unauthorized"), uploadLink);

        deprecated(assertError(as(token()).contentType(ContentType.JSON).body(Map.of())
                .post("/customer/kyc/init").then(), 400, "requestValidateError"), IDENTIFICATION);
        deprecated(assertError(as(token()).contentType(ContentType.JSON).body("{\"customerId\": ")
                .post("/customer/kyc/add-attributes").then(), 400, "badRequest"), UPDATE);
        deprecated(assertError(as(token()).multiPart("note", "no file here")
                .post("/customer/kyc/upload/{c}/{d}", customerId, slots.get(0)).then(), 400, "badRequest"), uploadLink);
        deprecated(assertError(upload(token(), customerId, slots.get(0), Documents.text()), 400, "badRequest"), uploadLink);
    }

    /**
     * A team migrating follows the links: each leads to an Akepa endpoint the sandbox serves, with
     * the method the deprecated call used (no 404 or 405), which answers a successor's request.
     */
    @Test
    void shouldLeadEveryLinkToAServedAkepaEndpoint() {
        String customerId = AkepaApi.newCustomer(token(), "WaitReview");
        List<String> slots = kycSlots(token(), customerId);

        String identification = linkOf(initKyc(token(), customerId).statusCode(200));
        as(token()).contentType(ContentType.JSON)
                .body(Map.of("customerId", customerId, "reference", AkepaApi.newReference()))
                .post(identification).then().statusCode(200).body("data.status", equalTo("pending_step_up"));

        String status = linkOf(kycStatus(token(), customerId).statusCode(200));
        as(token()).contentType(ContentType.JSON).body(Map.of("customerId", customerId)).post(status).then()
                .statusCode(200).body("data.customerId", equalTo(customerId));

        String generate = linkOf(as(token()).post("/document/generate").then().statusCode(200));
        String documentId = as(token()).contentType(ContentType.JSON)
                .body(Map.of("workflow", "PERSONAL", "name", "passport", "extension", "png", "type", "passport"))
                .post(generate).then().statusCode(200).extract().path("data.id");

        String separate = Api.newSeparateDocument(token());
        String separateUpload = linkOf(Api.uploadSeparate(token(), separate, Documents.png(45)).statusCode(200));
        assertEquals("/akepa/document/upload/" + separate, separateUpload);
        as(token()).multiPart("file", "p.png", Documents.png(46), "image/png")
                .post(separateUpload.replace(separate, documentId)).then().statusCode(200)
                .body("data.uploadStatus", equalTo(true));
        // the legacy upload's link names the slot; a slot is no Akepa document, but the route is served
        String slotUpload = linkOf(upload(token(), customerId, slots.get(0), Documents.png(47)).statusCode(200));
        assertError(as(token()).multiPart("file", "p.png", Documents.png(48), "image/png").post(slotUpload).then(),
                400, "documentNotFound");

        String update = linkOf(addCardAttributes(token(), customerId).statusCode(200));
        as(token()).contentType(ContentType.JSON)
                .body(Map.of("entityId", customerId, "documents", List.of(Map.of("documentId", documentId))))
                .post(update).then().statusCode(200).body("data.status", equalTo("waiting_review"));
    }

    @Test
    void shouldLeaveEndpointsThatAreNotDeprecatedAlone() {
        String customerId = newCustomer(token());
        current(Api.login("sandbox", "sandbox").statusCode(200));
        current(as(token()).get("/customer/status/{c}", customerId).then().statusCode(200));
        current(assertError(as(token()).get("/customer/status/{c}", Api.unknownCustomerId()).then(), 400,
                "customerNotFound"));
        kycSlots(token(), customerId);
        current(decide(customerId, "REJECTED").statusCode(200));
        current(asAdmin().get("/sandbox/tenants").then().statusCode(200));
        current(AkepaApi.identification(token(), Map.of("customerId", customerId, "reference", AkepaApi.newReference()))
                .statusCode(200));
        current(AkepaApi.statusOf(token(), customerId).statusCode(200));
        current(assertError(AkepaApi.statusOf(token(), Api.unknownCustomerId()), 400, "customerNotFound"));
        current(AkepaApi.generate(token(), Map.of("workflow", "PERSONAL", "name", "p", "extension", "png",
                "type", "passport")).statusCode(200));
        current(assertError(AkepaApi.upload(token(), Api.unknownDocumentId(), Documents.png(49)), 400,
                "documentNotFound"));
        current(assertError(given().get("/no/such/route").then(), 404, "notFound"));
    }

    private static void deprecated(ValidatableResponse response, String link) {
        var r = response.extract().response();
        assertAll(
                () -> assertEquals(DEPRECATION, r.header("Deprecation"), r.asString()),
                () -> assertEquals(List.of(link), r.headers().getValues("Link"), r.asString()));
    }

    /** The target of the response's one successor link. */
    private static String linkOf(ValidatableResponse response) {
        String link = response.extract().header("Link");
        Matcher target = Pattern.compile("^<([^>]+)>; rel=\"successor-version\"$").matcher(link);
        assertTrue(target.matches(), link);
        return target.group(1);
    }

    private static void current(ValidatableResponse response) {
        var r = response.extract().response();
        assertAll(
                () -> assertNull(r.header("Deprecation"), r.asString()),
                () -> assertNull(r.header("Link"), r.asString()));
    }
}
