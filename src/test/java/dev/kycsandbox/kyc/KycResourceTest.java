package dev.kycsandbox.kyc;

import static dev.kycsandbox.support.Api.addCardAttributes;
import static dev.kycsandbox.support.Api.as;
import static dev.kycsandbox.support.Api.assertError;
import static dev.kycsandbox.support.Api.assertRequired;
import static dev.kycsandbox.support.Api.assertValidationFailure;
import static dev.kycsandbox.support.Api.decide;
import static dev.kycsandbox.support.Api.initKyc;
import static dev.kycsandbox.support.Api.kycSlots;
import static dev.kycsandbox.support.Api.kycStatus;
import static dev.kycsandbox.support.Api.newCustomer;
import static dev.kycsandbox.support.Api.readyForReview;
import static dev.kycsandbox.support.Api.token;
import static dev.kycsandbox.support.Api.upload;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;


import org.junit.jupiter.api.Test;

import dev.kycsandbox.support.Api;
import dev.kycsandbox.support.Documents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class KycResourceTest {

    private static final String SLOT_ID = "^doc_[0-9A-Za-z]{22}$";


    @Test
    void shouldOpenLicenseSessionWithTwoEmptySlots() {
        String customerId = newCustomer(token());
        Response response = initKyc(token(), customerId).statusCode(200)
                .body("code", equalTo("0"))
                .body("requestId", matchesPattern("^[0-9a-f]{32}$"))
                .body("data.customer.customerId", equalTo(customerId))
                .body("data.customer.customerType", equalTo("individual"))
                .body("data.customer.kycStatus", equalTo("WAITING_DATA"))
                .body("data.customer.boises", empty())
                .body("data.kyc.attributeCodes", contains("cardAttributes"))
                .body("data.kyc.system", equalTo("condor"))
                .body("data.kyc.mode", equalTo("licenseUSACondor"))
                .body("data.kyc.status", equalTo("WAITING_DATA"))
                .body("data.kycDocumentList", hasSize(2))
                .body("data.kycDocumentList.id", everyItem(matchesPattern(SLOT_ID)))
                .body("data.kycDocumentList.label", contains("LICENSE FRONT", "LICENSE BACK"))
                .body("data.kycDocumentList.type", contains("LICENSE", "LICENSE"))
                .body("data.kycDocumentList.documentSide", contains("FRONT", "BACK"))
                .body("data.kycDocumentList.uploadStatus", contains(false, false))
                .body("data.kycDocumentList", everyItem(not(hasKey("extension"))))
                .body("data.kycAttributes", aMapWithSize(0))
                .extract().response();
        assertEquals(response.path("requestId"), response.header("x-request-id"));
        List<String> ids = response.path("data.kycDocumentList.id");
        assertNotEquals(ids.get(0), ids.get(1));
        assertEquals(List.of("customer", "kyc", "kycDocumentList", "kycAttributes"),
                List.copyOf(response.<Map<String, Object>> path("data").keySet()));
    }

    @Test
    void shouldAcceptWebhookAndSyncMode() {
        String customerId = newCustomer(token());
        as(token()).contentType(ContentType.JSON)
                .body(Map.of("customerId", customerId, "syncMode", true, "webhookURL", "https://hooks.example.com/kyc"))
                .post("/customer/kyc/init").then().statusCode(200)
                .body("data.kyc.status", equalTo("WAITING_DATA"));
    }

    @Test
    void shouldReturnTheOpenSessionUnchangedOnSecondInit() {
        String customerId = newCustomer(token());
        Map<String, Object> first = initKyc(token(), customerId).statusCode(200).extract().path("data");
        Map<String, Object> second = initKyc(token(), customerId).statusCode(200).extract().path("data");
        assertEquals(first, second);

        // also once data arrived: the same session, with what was supplied, not a fresh one
        addCardAttributes(token(), customerId).statusCode(200);
        initKyc(token(), customerId).statusCode(200)
                .body("data.kycDocumentList.id", equalTo(ids(first)))
                .body("data.kyc.attributeCodes", empty())
                .body("data.kycAttributes", hasKey("cardAttributes"));
    }

    @Test
    void shouldReturnTheSessionInReviewUnchangedOnInit() {
        String customerId = newCustomer(token());
        List<String> slots = readyForReview(token(), customerId);
        initKyc(token(), customerId).statusCode(200)
                .body("data.kyc.status", equalTo("IN_REVIEW"))
                .body("data.kycDocumentList.id", equalTo(slots))
                .body("data.kycDocumentList.uploadStatus", contains(true, true));
    }

    @Test
    void shouldOpenNewSessionWithNewSlotsAfterTerminalDecision() {
        String customerId = newCustomer(token());
        List<String> firstSlots = readyForReview(token(), customerId);
        decide(customerId, "REJECTED").statusCode(200);

        List<String> secondSlots = initKyc(token(), customerId).statusCode(200)
                .body("data.customer.kycStatus", equalTo("WAITING_DATA"))
                .body("data.kyc.status", equalTo("WAITING_DATA"))
                .body("data.kyc.attributeCodes", contains("cardAttributes"))
                .body("data.kycDocumentList.uploadStatus", contains(false, false))
                .body("data.kycDocumentList", everyItem(not(hasKey("extension"))))
                .body("data.kycAttributes", aMapWithSize(0))
                .extract().path("data.kycDocumentList.id");
        assertEquals(2, secondSlots.size());
        assertTrue(Collections.disjoint(firstSlots, secondSlots), firstSlots + " vs " + secondSlots);
        kycStatus(token(), customerId).statusCode(200).body("data.kycDocumentList.id", equalTo(secondSlots));
        as(token()).get("/customer/status/{id}", customerId).then().statusCode(200)
                .body("data.kycStatus", equalTo("WAITING_DATA"));
    }

    @Test
    void shouldServeStatusOfTheLatestSession() {
        String customerId = newCustomer(token());
        Map<String, Object> init = initKyc(token(), customerId).statusCode(200).extract().path("data");
        Response status = kycStatus(token(), customerId).statusCode(200)
                .body("code", equalTo("0"))
                .extract().response();
        assertEquals(init, status.path("data"));
        assertEquals(status.path("requestId"), status.header("x-request-id"));
    }

    @Test
    void shouldShowKycStatusOnTheCustomer() {
        String customerId = newCustomer(token());
        customerStatus(customerId).body("data.kycStatus", equalTo(null));
        initKyc(token(), customerId).statusCode(200);
        customerStatus(customerId).body("data.kycStatus", equalTo("WAITING_DATA"));
        readyForReview(token(), customerId);
        customerStatus(customerId).body("data.kycStatus", equalTo("IN_REVIEW"));
        decide(customerId, "APPROVED").statusCode(200);
        customerStatus(customerId).body("data.kycStatus", equalTo("APPROVED"));
        kycStatus(token(), customerId).statusCode(200)
                .body("data.customer.kycStatus", equalTo("APPROVED"))
                .body("data.kyc.status", equalTo("APPROVED"));
    }

    @Test
    void shouldAnswerKycNotFoundWhenKycWasNeverInitialised() {
        String customerId = newCustomer(token());
        assertError(kycStatus(token(), customerId), 400, "kycNotFound");
        assertError(addCardAttributes(token(), customerId), 400, "kycNotFound");
        customerStatus(customerId).body("data.kycStatus", equalTo(null));
    }

    @Test
    void shouldAnswerCustomerNotFoundForUnknownCustomer() {
        String unknown = Api.unknownCustomerId();
        notFound(initKyc(token(), unknown));
        notFound(kycStatus(token(), unknown));
        notFound(addCardAttributes(token(), unknown));
    }

    @Test
    void shouldAnswerAnotherTenantsCustomerExactlyLikeAnUnknownOne() {
        String other = Api.tokenOfTenant("tnt-kyc");
        String theirs = newCustomer(other);
        kycSlots(other, theirs);

        String unknownMessage = notFound(initKyc(token(), Api.unknownCustomerId()));
        assertEquals(unknownMessage, notFound(initKyc(token(), theirs)));
        assertEquals(unknownMessage, notFound(kycStatus(token(), theirs)));
        assertEquals(unknownMessage, notFound(addCardAttributes(token(), theirs)));

        // nothing changed for the owner
        kycStatus(other, theirs).statusCode(200)
                .body("data.kyc.status", equalTo("WAITING_DATA"))
                .body("data.kyc.attributeCodes", contains("cardAttributes"));
    }

    @Test
    void shouldRecordCardAttributesAndDropThemFromAttributeCodes() {
        String customerId = newCustomer(token());
        List<String> slots = kycSlots(token(), customerId);
        Map<String, Object> cardAttributes = Map.of("productID", "Virtual_Debit_Card", "nameOnCard", "JESSIE TESTMAN",
                "designId", "1", "addressType", "PRIMARY", "issueType", "NEW", "additionalData", Map.of());
        addCardAttributes(token(), customerId).statusCode(200)
                .body("code", equalTo("0"))
                .body("data.kyc.attributeCodes", empty())
                .body("data.kyc.status", equalTo("WAITING_DATA"))
                .body("data.kycAttributes", aMapWithSize(1))
                .body("data.kycAttributes.cardAttributes", equalTo(cardAttributes))
                .body("data.kycDocumentList.id", equalTo(slots));
        kycStatus(token(), customerId).statusCode(200)
                .body("data.kyc.attributeCodes", empty())
                .body("data.kycAttributes.cardAttributes", equalTo(cardAttributes));
    }

    @Test
    void shouldReplaceCardAttributesWhenAddedAgain() {
        String customerId = newCustomer(token());
        kycSlots(token(), customerId);
        addCardAttributes(token(), customerId).statusCode(200);
        Map<String, Object> changed = new HashMap<>(cardAttributes());
        changed.put("nameOnCard", "J TESTMAN");
        changed.put("issueType", "RE-ISSUE");
        changed.put("additionalData", Map.of("note", "second"));
        addAttributes(customerId, changed).statusCode(200)
                .body("data.kyc.attributeCodes", empty())
                .body("data.kycAttributes.cardAttributes", equalTo(changed));
    }

    @Test
    void shouldAcceptEveryDocumentedAddressAndIssueType() {
        String customerId = newCustomer(token());
        kycSlots(token(), customerId);
        for (String addressType : List.of("PRIMARY", "SECONDARY")) {
            for (String issueType : List.of("NEW", "REGISTRATION", "RE-ISSUE", "EXPIRED", "DAMAGED")) {
                Map<String, Object> attributes = new HashMap<>(cardAttributes());
                attributes.put("addressType", addressType);
                attributes.put("issueType", issueType);
                addAttributes(customerId, attributes).statusCode(200)
                        .body("data.kycAttributes.cardAttributes.addressType", equalTo(addressType))
                        .body("data.kycAttributes.cardAttributes.issueType", equalTo(issueType));
            }
        }
    }

    @Test
    void shouldRefuseUnknownAddressType() {
        String customerId = sessionOfNewCustomer();
        Map<String, Object> attributes = new HashMap<>(cardAttributes());
        attributes.put("addressType", "TERTIARY");
        Map<String, Object> failure = assertValidationFailure(addAttributes(customerId, attributes),
                "/additionalAttributes/cardAttributes/addressType", "pattern");
        assertEquals("^(PRIMARY|SECONDARY)$", params(failure).get("pattern"));
        stillWaitingForAttributes(customerId);
    }

    @Test
    void shouldRefuseUnknownIssueType() {
        String customerId = sessionOfNewCustomer();
        Map<String, Object> attributes = new HashMap<>(cardAttributes());
        attributes.put("issueType", "LOST");
        assertValidationFailure(addAttributes(customerId, attributes), "/additionalAttributes/cardAttributes/issueType",
                "pattern");
        stillWaitingForAttributes(customerId);
    }

    @Test
    void shouldRefuseMissingCardAttributeFields() {
        String customerId = sessionOfNewCustomer();
        ValidatableResponse response = addAttributes(customerId, Map.of("nameOnCard", "ONLY NAME"));
        for (String field : List.of("productID", "designId", "addressType", "issueType")) {
            Map<String, Object> failure = assertRequired(response, "/additionalAttributes/cardAttributes", field);
            assertEquals("must have required property '" + field + "'", failure.get("message"));
        }
        stillWaitingForAttributes(customerId);
    }

    @Test
    void shouldRefuseMissingAttributeGroups() {
        String customerId = sessionOfNewCustomer();
        assertRequired(as(token()).contentType(ContentType.JSON).body(Map.of("customerId", customerId))
                .post("/customer/kyc/add-attributes").then(), "", "additionalAttributes");
        assertRequired(as(token()).contentType(ContentType.JSON)
                .body(Map.of("customerId", customerId, "additionalAttributes", Map.of()))
                .post("/customer/kyc/add-attributes").then(), "/additionalAttributes", "cardAttributes");
        assertRequired(as(token()).contentType(ContentType.JSON)
                .body(Map.of("additionalAttributes", Map.of("cardAttributes", cardAttributes())))
                .post("/customer/kyc/add-attributes").then(), "", "customerId");
        stillWaitingForAttributes(customerId);
    }

    @Test
    void shouldRefuseAttributesAfterTerminalDecision() {
        String customerId = newCustomer(token());
        readyForReview(token(), customerId);
        decide(customerId, "APPROVED").statusCode(200);
        assertError(addCardAttributes(token(), customerId), 400, "kycCompleted")
                .body("message", equalTo("KYC process has already been completed"));
        kycStatus(token(), customerId).statusCode(200).body("data.kyc.status", equalTo("APPROVED"));
    }

    @Test
    void shouldEnterReviewOnlyOnceAttributesFollowAllUploads() {
        String customerId = newCustomer(token());
        List<String> slots = kycSlots(token(), customerId);
        upload(token(), customerId, slots.get(0), Documents.png(11)).statusCode(200);
        waiting(customerId);
        upload(token(), customerId, slots.get(1), Documents.jpeg()).statusCode(200);
        waiting(customerId).body("data.kycDocumentList.uploadStatus", contains(true, true))
                .body("data.kycDocumentList.extension", contains("png", "jpg"));
        addCardAttributes(token(), customerId).statusCode(200)
                .body("data.kyc.status", equalTo("IN_REVIEW"))
                .body("data.customer.kycStatus", equalTo("IN_REVIEW"));
        kycStatus(token(), customerId).statusCode(200).body("data.kyc.status", equalTo("IN_REVIEW"));
    }

    @Test
    void shouldEnterReviewOnlyOnceTheLastSlotIsFilledAfterAttributes() {
        String customerId = newCustomer(token());
        List<String> slots = kycSlots(token(), customerId);
        addCardAttributes(token(), customerId).statusCode(200).body("data.kyc.status", equalTo("WAITING_DATA"));
        waiting(customerId);
        upload(token(), customerId, slots.get(1), Documents.pdf()).statusCode(200);
        waiting(customerId).body("data.kycDocumentList.uploadStatus", contains(false, true));
        // re-uploading the same slot does not fill the other one
        upload(token(), customerId, slots.get(1), Documents.png(12)).statusCode(200);
        waiting(customerId);
        upload(token(), customerId, slots.get(0), Documents.png(13)).statusCode(200);
        kycStatus(token(), customerId).statusCode(200)
                .body("data.kyc.status", equalTo("IN_REVIEW"))
                .body("data.customer.kycStatus", equalTo("IN_REVIEW"))
                .body("data.kycDocumentList.extension", contains("png", "png"));
    }

    @Test
    void shouldRefuseWebhookUrlLongerThan500() {
        String customerId = newCustomer(token());
        String base = "https://hooks.example.com/";
        String tooLong = base + "a".repeat(501 - base.length());
        Map<String, Object> failure = assertValidationFailure(initWithWebhook(customerId, tooLong), "/webhookURL",
                "maxLength");
        assertEquals(500, params(failure).get("max"));
        assertError(kycStatus(token(), customerId), 400, "kycNotFound");
        // exactly 500 is accepted
        initWithWebhook(customerId, base + "a".repeat(500 - base.length())).statusCode(200);
    }

    @Test
    void shouldRefuseWebhookUrlThatIsNotHttp() {
        String customerId = newCustomer(token());
        for (String url : List.of("ftp://hooks.example.com/kyc", "javascript:alert(1)", "hooks.example.com/kyc",
                "https://hooks.example.com/with space", "")) {
            assertValidationFailure(initWithWebhook(customerId, url), "/webhookURL", "pattern");
        }
        assertError(kycStatus(token(), customerId), 400, "kycNotFound");
        initWithWebhook(customerId, "http://127.0.0.1:9/hook").statusCode(200);
    }

    @Test
    void shouldRefuseInitWithoutOrWithMalformedCustomerId() {
        assertRequired(as(token()).contentType(ContentType.JSON).body(Map.of()).post("/customer/kyc/init").then(), "",
                "customerId");
        assertValidationFailure(as(token()).contentType(ContentType.JSON).body(Map.of("customerId", "../cstap_x"))
                .post("/customer/kyc/init").then(), "/customerId", "pattern");
        assertValidationFailure(as(token()).contentType(ContentType.JSON).body(Map.of("customerId", "c".repeat(37)))
                .post("/customer/kyc/init").then(), "/customerId", "maxLength");
    }

    private String sessionOfNewCustomer() {
        String customerId = newCustomer(token());
        kycSlots(token(), customerId);
        return customerId;
    }

    private static void stillWaitingForAttributes(String customerId) {
        kycStatus(token(), customerId).statusCode(200)
                .body("data.kyc.attributeCodes", contains("cardAttributes"))
                .body("data.kycAttributes", aMapWithSize(0));
    }

    private static ValidatableResponse waiting(String customerId) {
        return kycStatus(token(), customerId).statusCode(200)
                .body("data.kyc.status", equalTo("WAITING_DATA"))
                .body("data.customer.kycStatus", equalTo("WAITING_DATA"));
    }

    private static ValidatableResponse customerStatus(String customerId) {
        return as(token()).get("/customer/status/{id}", customerId).then().statusCode(200);
    }

    /** Checks the customerNotFound envelope; returns its message. */
    private static String notFound(ValidatableResponse response) {
        return assertError(response, 400, "customerNotFound")
                .body("message", equalTo("Customer Not Found"))
                .body("$", not(hasKey("context")))
                .extract().path("message");
    }

    private static ValidatableResponse initWithWebhook(String customerId, String webhookUrl) {
        return as(token()).contentType(ContentType.JSON)
                .body(Map.of("customerId", customerId, "webhookURL", webhookUrl))
                .post("/customer/kyc/init").then();
    }

    private static ValidatableResponse addAttributes(String customerId, Map<String, Object> cardAttributes) {
        return as(token()).contentType(ContentType.JSON)
                .body(Map.of("customerId", customerId, "additionalAttributes", Map.of("cardAttributes", cardAttributes)))
                .post("/customer/kyc/add-attributes").then();
    }

    private static Map<String, Object> cardAttributes() {
        return Map.of("productID", "Virtual_Debit_Card", "nameOnCard", "JESSIE TESTMAN", "designId", "1",
                "addressType", "PRIMARY", "issueType", "NEW", "additionalData", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> params(Map<String, Object> failure) {
        return (Map<String, Object>) failure.get("params");
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> data) {
        return ((List<Map<String, Object>>) data.get("kycDocumentList")).stream().map(s -> (String) s.get("id")).toList();
    }
}
