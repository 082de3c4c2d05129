package dev.kycsandbox.sandbox;

import static dev.kycsandbox.support.Api.ADMIN_HEADER;
import static dev.kycsandbox.support.Api.TOKEN_HEADER;
import static dev.kycsandbox.support.Api.addCardAttributes;
import static dev.kycsandbox.support.Api.as;
import static dev.kycsandbox.support.Api.asAdmin;
import static dev.kycsandbox.support.Api.assertError;
import static dev.kycsandbox.support.Api.assertRequired;
import static dev.kycsandbox.support.Api.assertValidationFailure;
import static dev.kycsandbox.support.Api.content;
import static dev.kycsandbox.support.Api.decide;
import static dev.kycsandbox.support.Api.kycSlots;
import static dev.kycsandbox.support.Api.kycStatus;
import static dev.kycsandbox.support.Api.newCustomer;
import static dev.kycsandbox.support.Api.readyForReview;
import static dev.kycsandbox.support.Api.token;
import static dev.kycsandbox.support.Api.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;


import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.kycsandbox.support.Api;
import dev.kycsandbox.support.Documents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class SandboxResourceTest {


    @Test
    void shouldRefuseDecisionWithoutAdminToken() {
        String customerId = customerInReview();
        unauthorized(decision(given(), customerId, "APPROVED"));
        stillInReview(customerId);
    }

    @Test
    void shouldRefuseDecisionWithWrongAdminToken() {
        String customerId = customerInReview();
        unauthorized(decision(given().header(ADMIN_HEADER, "wrong-admin-token"), customerId, "APPROVED"));
        unauthorized(decision(given().header(ADMIN_HEADER, Api.ADMIN_TOKEN + "x"), customerId, "APPROVED"));
        unauthorized(decision(given().header(ADMIN_HEADER, ""), customerId, "APPROVED"));
        stillInReview(customerId);
    }

    @Test
    void shouldRefuseConnectFiTokenInsteadOfAdminToken() {
        String customerId = customerInReview();
        unauthorized(decision(given().header(TOKEN_HEADER, token()), customerId, "APPROVED"));
        unauthorized(decision(given().header(ADMIN_HEADER, token()), customerId, "APPROVED"));
        stillInReview(customerId);
    }

    @Test
    void shouldCheckAdminTokenBeforeAnythingElse() {
        // an unknown customer and an invalid body still get 401 without the credential
        unauthorized(decision(given(), Api.unknownCustomerId(), "MAYBE"));
        unauthorized(given().contentType(ContentType.JSON).body("{not json")
                .post("/sandbox/customers/{c}/kyc/decision", Api.unknownCustomerId()).then());
    }

    @ParameterizedTest
    @ValueSource(strings = { "APPROVED", "REJECTED" })
    void shouldDecideSessionInReviewAndAnswerWithCommonKycResponse(String outcome) {
        String customerId = newCustomer(token());
        List<String> slots = readyForReview(token(), customerId);
        Response response = decide(customerId, outcome).statusCode(200)
                .body("code", equalTo("0"))
                .body("requestId", matchesPattern("^[0-9a-f]{32}$"))
                .body("data.customer.customerId", equalTo(customerId))
                .body("data.customer.kycStatus", equalTo(outcome))
                .body("data.kyc.status", equalTo(outcome))
                .body("data.kyc.system", equalTo("condor"))
                .body("data.kyc.mode", equalTo("licenseUSACondor"))
                .body("data.kyc.attributeCodes", empty())
                .body("data.kycDocumentList.id", equalTo(slots))
                .body("data.kycDocumentList.uploadStatus", contains(true, true))
                .body("data.kycDocumentList.extension", contains("png", "png"))
                .body("data.kycAttributes.cardAttributes.nameOnCard", equalTo("JESSIE TESTMAN"))
                .extract().response();
        assertEquals(response.path("requestId"), response.header("x-request-id"));
        kycStatus(token(), customerId).statusCode(200)
                .body("data.kyc.status", equalTo(outcome))
                .body("data.customer.kycStatus", equalTo(outcome));
        as(token()).get("/customer/status/{id}", customerId).then().statusCode(200)
                .body("data.kycStatus", equalTo(outcome));
    }

    @Test
    void shouldDecideSessionStillWaitingForData() {
        String customerId = newCustomer(token());
        kycSlots(token(), customerId);
        decide(customerId, "REJECTED").statusCode(200)
                .body("data.kyc.status", equalTo("REJECTED"))
                .body("data.kycDocumentList.uploadStatus", contains(false, false));
    }

    @Test
    void shouldRefuseStatusOutsideTheTwoOutcomes() {
        String customerId = customerInReview();
        for (String status : List.of("MAYBE", "IN_REVIEW", "WAITING_DATA", "approved", "")) {
            Map<String, Object> failure = assertValidationFailure(decide(customerId, status), "/status", "pattern");
            assertEquals("^(APPROVED|REJECTED)$", ((Map<?, ?>) failure.get("params")).get("pattern"), status);
        }
        assertRequired(asAdmin().contentType(ContentType.JSON).body(Map.of())
                .post("/sandbox/customers/{c}/kyc/decision", customerId).then(), "", "status");
        assertError(asAdmin().contentType(ContentType.JSON).body("{\"status\": ")
                .post("/sandbox/customers/{c}/kyc/decision", customerId).then(), 400, "badRequest");
        stillInReview(customerId);
    }

    @Test
    void shouldAnswerCustomerNotFoundForUnknownCustomer() {
        assertError(decide(Api.unknownCustomerId(), "APPROVED"), 400, "customerNotFound")
                .body("message", equalTo("Customer Not Found"));
    }

    @Test
    void shouldAnswerKycNotFoundWhenKycWasNeverInitialised() {
        String customerId = newCustomer(token());
        assertError(decide(customerId, "APPROVED"), 400, "kycNotFound");
        as(token()).get("/customer/status/{id}", customerId).then().statusCode(200)
                .body("data.kycStatus", equalTo(null));
    }

    @Test
    void shouldRefuseSecondDecisionOnDecidedSession() {
        String customerId = customerInReview();
        decide(customerId, "APPROVED").statusCode(200);
        assertError(decide(customerId, "REJECTED"), 400, "kycCompleted")
                .body("message", equalTo("KYC process has already been completed"));
        assertError(decide(customerId, "APPROVED"), 400, "kycCompleted");
        kycStatus(token(), customerId).statusCode(200).body("data.kyc.status", equalTo("APPROVED"));
    }

    @Test
    void shouldDecideTheNewSessionAfterReinit() {
        String customerId = customerInReview();
        decide(customerId, "REJECTED").statusCode(200);
        List<String> slots = kycSlots(token(), customerId);
        decide(customerId, "APPROVED").statusCode(200)
                .body("data.kyc.status", equalTo("APPROVED"))
                .body("data.kycDocumentList.id", equalTo(slots));
    }

    @Test
    void shouldDecideCustomersOfAnyTenant() {
        String other = Api.tokenOfTenant("tnt-admin");
        String customerId = newCustomer(other);
        readyForReview(other, customerId);
        decide(customerId, "APPROVED").statusCode(200)
                .body("data.customer.customerId", equalTo(customerId))
                .body("data.kyc.status", equalTo("APPROVED"));
        kycStatus(other, customerId).statusCode(200).body("data.kyc.status", equalTo("APPROVED"));
    }

    @Test
    void shouldServeStoredDocumentWithItsHashAndType() {
        String customerId = newCustomer(token());
        List<String> slots = kycSlots(token(), customerId);
        byte[] png = Documents.png(21);
        byte[] pdf = Documents.pdf();
        upload(token(), customerId, slots.get(0), png).statusCode(200);
        upload(token(), customerId, slots.get(1), pdf).statusCode(200);

        Response front = content(slots.get(0)).then().statusCode(200)
                .contentType("image/png")
                .header(SandboxResource.SHA256_HEADER, equalTo(Documents.sha256(png)))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .extract().response();
        assertArrayEquals(png, front.asByteArray());
        Response back = content(slots.get(1)).then().statusCode(200)
                .contentType("application/pdf")
                .header(SandboxResource.SHA256_HEADER, equalTo(Documents.sha256(pdf)))
                .extract().response();
        assertArrayEquals(pdf, back.asByteArray());
    }

    @Test
    void shouldSendDownloadsAsAttachmentsWithAServerMadeNameNeverTheClients() {
        String customerId = newCustomer(token());
        String slot = kycSlots(token(), customerId).get(0);
        Api.uploadFile(token(), customerId, slot, "..\\..\\evil\"; filename=evil.html", Documents.png(22), "text/html")
                .then().statusCode(200);
        content(slot).then().statusCode(200)
                .contentType("image/png")
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Content-Disposition", equalTo("attachment; filename=\"" + slot + ".png\""));
    }

    @Test
    void shouldServeTheLatestFileAfterReupload() {
        String customerId = newCustomer(token());
        List<String> slots = kycSlots(token(), customerId);
        upload(token(), customerId, slots.get(0), Documents.png(22)).statusCode(200);
        byte[] replacement = Documents.jpeg();
        upload(token(), customerId, slots.get(0), replacement).statusCode(200);
        Response response = content(slots.get(0)).then().statusCode(200)
                .contentType("image/jpeg")
                .header(SandboxResource.SHA256_HEADER, equalTo(Documents.sha256(replacement)))
                .extract().response();
        assertArrayEquals(replacement, response.asByteArray());
    }

    @Test
    void shouldAnswerDocumentNotFoundForUnknownDocument() {
        assertError(content(Api.unknownDocumentId()).then(), 404, "documentNotFound")
                .body("message", equalTo("Document Not Found"));
        assertError(content("not-a-document").then(), 404, "documentNotFound");
    }

    @Test
    void shouldAnswerDocumentNotFoundForEmptySlot() {
        String customerId = newCustomer(token());
        List<String> slots = kycSlots(token(), customerId);
        upload(token(), customerId, slots.get(0), Documents.png(23)).statusCode(200);
        assertError(content(slots.get(1)).then(), 404, "documentNotFound")
                .body("message", equalTo("Document Not Found"));
    }

    @Test
    void shouldRefuseDocumentContentWithoutAdminToken() {
        String customerId = newCustomer(token());
        List<String> slots = kycSlots(token(), customerId);
        upload(token(), customerId, slots.get(0), Documents.png(24)).statusCode(200);
        unauthorized(given().get("/sandbox/documents/{d}/content", slots.get(0)).then());
        unauthorized(given().header(ADMIN_HEADER, "wrong").get("/sandbox/documents/{d}/content", slots.get(0)).then());
        unauthorized(as(token()).get("/sandbox/documents/{d}/content", slots.get(0)).then());
        // unknown ids are not told apart from known ones without the credential
        unauthorized(given().get("/sandbox/documents/{d}/content", Api.unknownDocumentId()).then());
    }

    private static String customerInReview() {
        String customerId = newCustomer(token());
        readyForReview(token(), customerId);
        return customerId;
    }

    private static void stillInReview(String customerId) {
        kycStatus(token(), customerId).statusCode(200).body("data.kyc.status", equalTo("IN_REVIEW"));
        // the rejected attempts changed nothing: attributes are still accepted
        addCardAttributes(token(), customerId).statusCode(200).body("data.kyc.status", equalTo("IN_REVIEW"));
    }

    private static ValidatableResponse decision(RequestSpecification request, String customerId, String status) {
        return request.contentType(ContentType.JSON).body(Map.of("status", status))
                .post("/sandbox/customers/{c}/kyc/decision", customerId).then();
    }

    private static void unauthorized(ValidatableResponse response) {
        assertError(response, 401, "unauthorized").body("message", equalTo("Authentication error"));
    }
}
