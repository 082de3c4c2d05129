package dev.kycsandbox.tenant;

import static dev.kycsandbox.support.Api.as;
import static dev.kycsandbox.support.Api.token;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.kycsandbox.support.AkepaApi;
import dev.kycsandbox.support.Api;
import dev.kycsandbox.support.Documents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * Every connectFi endpoint that takes an id, called by another tenant with the owner's id and
 * with an id nobody has: the two answers are the same (status, code, message, fields), so another
 * tenant's ids leak nothing, and the owner's data is untouched. The admin API is global by design.
 */
@QuarkusTest
class TenantIsolationMatrixTest {

    private String owner;
    private String ownersCustomer;
    private String ownersSlot;
    private String ownersDocument;
    private String intruder;
    private String intrudersCustomer;
    private String intrudersSlot;
    private String intrudersDocument;

    @BeforeEach
    void twoTenants() {
        owner = token();
        ownersCustomer = Api.newCustomer(owner);
        ownersSlot = Api.kycSlots(owner, ownersCustomer).get(0);
        ownersDocument = Api.separateDocumentWith(owner, Documents.png(41));
        intruder = Api.tokenOfNewUser(Api.newTenant(null));
        intrudersCustomer = Api.newCustomer(intruder);
        intrudersSlot = Api.kycSlots(intruder, intrudersCustomer).get(0);
        intrudersDocument = Api.separateDocumentWith(intruder, Documents.png(42));
    }

    @Test
    void shouldAnswerAnotherTenantsCustomerAsUnknownOnEveryCustomerEndpoint() {
        assertSameAsUnknown(customer -> as(intruder).get("/customer/status/{id}", customer), ownersCustomer, Api.unknownCustomerId());
        assertSameAsUnknown(customer -> Api.initKyc(intruder, customer).extract().response(), ownersCustomer, Api.unknownCustomerId());
        assertSameAsUnknown(customer -> Api.addCardAttributes(intruder, customer).extract().response(), ownersCustomer,
                Api.unknownCustomerId());
        assertSameAsUnknown(customer -> Api.kycStatus(intruder, customer).extract().response(), ownersCustomer,
                Api.unknownCustomerId());
        assertSameAsUnknown(customer -> Api.uploadRaw(intruder, customer, ownersSlot, Documents.png(43)), ownersCustomer,
                Api.unknownCustomerId());
        assertSameAsUnknown(customer -> Api.linkDocument(intruder, customer, ownersSlot, intrudersDocument).extract().response(),
                ownersCustomer, Api.unknownCustomerId());
        assertOwnersDataUntouched();
    }

    @Test
    void shouldAnswerAnotherTenantsSlotAsUnknownOnUploadAndLink() {
        assertSameAsUnknown(slot -> Api.uploadRaw(intruder, intrudersCustomer, slot, Documents.png(44)), ownersSlot,
                Api.unknownDocumentId());
        assertSameAsUnknown(slot -> Api.linkDocument(intruder, intrudersCustomer, slot, intrudersDocument).extract().response(),
                ownersSlot, Api.unknownDocumentId());
        assertOwnersDataUntouched();
    }

    @Test
    void shouldAnswerAnotherTenantsSeparateDocumentAsUnknownOnUploadAndLink() {
        assertSameAsUnknown(document -> Api.uploadSeparate(intruder, document, Documents.png(45)).extract().response(),
                ownersDocument, Api.unknownSeparateDocumentId());
        assertSameAsUnknown(document -> Api.linkDocument(intruder, intrudersCustomer, intrudersSlot, document).extract().response(),
                ownersDocument, Api.unknownSeparateDocumentId());
        assertOwnersDataUntouched();
        Api.kycStatus(intruder, intrudersCustomer).statusCode(200).body("data.kycDocumentList[0].extension", nullValue());
    }

    @Test
    void shouldAnswerAnotherTenantsAkepaCustomersApplicationsAndDocumentsAsUnknown() {
        String ownersAkepaCustomer = AkepaApi.newCustomer(owner, "WaitReview");
        String ownersApplication = AkepaApi.start(owner, ownersAkepaCustomer, null);
        String ownersAkepaDocument = AkepaApi.documentWith(owner, "passport", Documents.png(46));
        String intrudersAkepaCustomer = AkepaApi.newCustomer(intruder, "WaitReview");
        AkepaApi.start(intruder, intrudersAkepaCustomer, null);
        String intrudersAkepaDocument = AkepaApi.documentWith(intruder, "passport", Documents.png(47));

        assertSameAsUnknown(customer -> AkepaApi.identification(intruder, Map.of("customerId", customer, "reference",
                AkepaApi.newReference())).extract().response(), ownersAkepaCustomer, Api.unknownCustomerId());
        assertSameAsUnknown(customer -> AkepaApi.statusOf(intruder, customer).extract().response(), ownersAkepaCustomer,
                Api.unknownCustomerId());
        assertSameAsUnknown(customer -> AkepaApi.status(intruder, Map.of("customerId", customer)).extract().response(),
                ownersAkepaCustomer, Api.unknownCustomerId());
        assertSameAsUnknown(application -> AkepaApi.status(intruder, Map.of("applicationId", application)).extract()
                .response(), ownersApplication, "iapp_" + Api.unknownCustomerId().substring("cstap_".length()));
        assertSameAsUnknown(document -> AkepaApi.uploadRaw(intruder, document, Documents.png(48)), ownersAkepaDocument,
                Api.unknownDocumentId());
        assertSameAsUnknown(customer -> AkepaApi.update(intruder, customer, List.of(intrudersAkepaDocument)).extract()
                .response(), ownersAkepaCustomer, Api.unknownCustomerId());
        assertSameAsUnknown(document -> AkepaApi.update(intruder, intrudersAkepaCustomer, List.of(document)).extract()
                .response(), ownersAkepaDocument, Api.unknownDocumentId());
        // the admin decision is global by design; the owner's application and document are untouched
        AkepaApi.statusOf(owner, ownersAkepaCustomer).statusCode(200)
                .body("data.applicationId", equalTo(ownersApplication))
                .body("data.status", equalTo("pending_step_up"));
        Api.content(ownersAkepaDocument).then().statusCode(200)
                .header("x-content-sha256", equalTo(Documents.sha256(Documents.png(46))));
        AkepaApi.update(owner, ownersAkepaCustomer, List.of(ownersAkepaDocument)).statusCode(200)
                .body("data.status", equalTo("waiting_review"));
        assertOwnersDataUntouched();
    }

    /** Same status and body, the request id aside. */
    private static void assertSameAsUnknown(Function<String, Response> call, String othersId, String unknownId) {
        Response theirs = call.apply(othersId);
        Response unknown = call.apply(unknownId);
        assertTrue(theirs.statusCode() >= 400, othersId + " answered " + theirs.asString());
        assertEquals(unknown.statusCode(), theirs.statusCode(), theirs.asString());
        String withoutId = "\"requestId\":\"[0-9a-f]{32}\"";
        assertEquals(unknown.asString().replaceAll(withoutId, "").replace(unknownId, "<id>"),
                theirs.asString().replaceAll(withoutId, "").replace(othersId, "<id>"));
    }

    private void assertOwnersDataUntouched() {
        ValidatableResponse status = Api.kycStatus(owner, ownersCustomer).statusCode(200);
        status.body("data.kyc.status", equalTo("WAITING_DATA"))
                .body("data.kycDocumentList[0].extension", nullValue())
                .body("data.kycAttributes.cardAttributes", nullValue());
        Api.content(ownersDocument).then().statusCode(200).header("x-content-sha256", equalTo(Documents.sha256(Documents.png(41))));
    }
}
