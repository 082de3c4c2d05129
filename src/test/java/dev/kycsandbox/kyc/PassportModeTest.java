package dev.kycsandbox.kyc;

import static dev.kycsandbox.support.Api.addCardAttributes;
import static dev.kycsandbox.support.Api.asAdmin;
import static dev.kycsandbox.support.Api.awaitKycStatus;
import static dev.kycsandbox.support.Api.decide;
import static dev.kycsandbox.support.Api.initKyc;
import static dev.kycsandbox.support.Api.kycSlots;
import static dev.kycsandbox.support.Api.kycStatus;
import static dev.kycsandbox.support.Api.newCustomer;
import static dev.kycsandbox.support.Api.newTenant;
import static dev.kycsandbox.support.Api.token;
import static dev.kycsandbox.support.Api.tokenOfNewUser;
import static dev.kycsandbox.support.Api.upload;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.kycsandbox.support.Documents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The {@code passportCondor} mode, chosen per tenant through the admin API. */
@QuarkusTest
class PassportModeTest {

    @Test
    void shouldOpenOnePassportSlotAndAskForCardAttributes() {
        String token = tokenOfNewUser(newTenant("passportCondor"));
        initKyc(token, newCustomer(token)).statusCode(200)
                .body("data.kyc.system", equalTo("condor"))
                .body("data.kyc.mode", equalTo("passportCondor"))
                .body("data.kyc.status", equalTo("WAITING_DATA"))
                .body("data.kyc.attributeCodes", contains("cardAttributes"))
                .body("data.kycDocumentList", hasSize(1))
                .body("data.kycDocumentList[0].id", org.hamcrest.Matchers.matchesPattern("^doc_[0-9A-Za-z]{22}$"))
                .body("data.kycDocumentList[0].label", equalTo("PASSPORT FRONT"))
                .body("data.kycDocumentList[0].type", equalTo("PASSPORT"))
                .body("data.kycDocumentList[0].documentSide", equalTo("FRONT"))
                .body("data.kycDocumentList[0].uploadStatus", equalTo(false));
    }

    @Test
    void shouldGoToReviewOnceThePassportAndAttributesAreThere() {
        String token = tokenOfNewUser(newTenant("passportCondor"));
        String customerId = newCustomer(token);
        String passport = kycSlots(token, customerId).get(0);
        upload(token, customerId, passport, Documents.jpeg()).statusCode(200)
                .body("data.kyc.status", equalTo("WAITING_DATA"))
                .body("data.kycDocumentList[0].uploadStatus", equalTo(true))
                .body("data.kycDocumentList[0].extension", equalTo("jpg"));
        addCardAttributes(token, customerId).statusCode(200)
                .body("data.kyc.status", equalTo("IN_REVIEW"))
                .body("data.kyc.attributeCodes", empty());
        decide(customerId, "APPROVED").statusCode(200).body("data.kyc.mode", equalTo("passportCondor"));
    }

    @Test
    void shouldApplyTheOutcomeRulesToPassportSessionsToo() {
        String token = tokenOfNewUser(newTenant("passportCondor"));
        String customerId = newCustomer(token, "Rejectson");
        String passport = kycSlots(token, customerId).get(0);
        addCardAttributes(token, customerId).statusCode(200);
        upload(token, customerId, passport, Documents.pdf()).statusCode(200).body("data.kyc.status", equalTo("IN_REVIEW"));
        awaitKycStatus(token, customerId, "REJECTED");
    }

    @Test
    void shouldOpenOnlyNewSessionsInAChangedMode() {
        String tenantId = newTenant(null);
        String token = tokenOfNewUser(tenantId);
        String before = newCustomer(token);
        List<String> licenseSlots = kycSlots(token, before);
        assertEquals(2, licenseSlots.size());

        setMode(tenantId, "passportCondor").statusCode(200)
                .body("data.kycMode", equalTo("passportCondor"))
                .body("data.effectiveKycMode", equalTo("passportCondor"));
        // the open session keeps its mode and slots
        initKyc(token, before).statusCode(200)
                .body("data.kyc.mode", equalTo("licenseUSACondor"))
                .body("data.kycDocumentList.id", equalTo(licenseSlots));
        kycStatus(token, newCustomerWithSession(token)).statusCode(200)
                .body("data.kyc.mode", equalTo("passportCondor"));
        // the next session of the first customer opens in the new mode
        decide(before, "REJECTED").statusCode(200);
        initKyc(token, before).statusCode(200)
                .body("data.kyc.mode", equalTo("passportCondor"))
                .body("data.kycDocumentList.label", contains("PASSPORT FRONT"));

        setMode(tenantId, null).statusCode(200)
                .body("data.kycMode", equalTo(null))
                .body("data.effectiveKycMode", equalTo("licenseUSACondor"));
        kycStatus(token, newCustomerWithSession(token)).statusCode(200)
                .body("data.kyc.mode", equalTo("licenseUSACondor"));
    }

    @Test
    void shouldLeaveOtherTenantsInTheirMode() {
        newTenant("passportCondor");
        initKyc(token(), newCustomer(token())).statusCode(200)
                .body("data.kyc.mode", equalTo("licenseUSACondor"))
                .body("data.kycDocumentList.label", contains("LICENSE FRONT", "LICENSE BACK"));
    }

    private static String newCustomerWithSession(String token) {
        String customerId = newCustomer(token);
        kycSlots(token, customerId);
        return customerId;
    }

    private static ValidatableResponse setMode(String tenantId, String mode) {
        Map<String, Object> body = new HashMap<>();
        body.put("kycMode", mode);
        return asAdmin().contentType(ContentType.JSON).body(body).put("/sandbox/tenants/{t}/kyc-mode", tenantId).then();
    }
}
