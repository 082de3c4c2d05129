package dev.kycsandbox.customer;

import static dev.kycsandbox.support.Api.as;
import static dev.kycsandbox.support.Api.assertError;
import static dev.kycsandbox.support.Api.assertRequired;
import static dev.kycsandbox.support.Api.assertValidationFailure;
import static dev.kycsandbox.support.Api.individual;
import static dev.kycsandbox.support.Api.initCustomer;
import static dev.kycsandbox.support.Api.randomSsn;
import static dev.kycsandbox.support.Api.token;
import static dev.kycsandbox.support.Api.uniqueReference;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kycsandbox.auth.AuthService;
import dev.kycsandbox.support.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** The HTTP-only tests of {@link CustomerResourceTest}: run in the JVM by it, and against the packaged jar by {@code CustomerResourceIT}. */
abstract class CustomerApiTests {

    static final String TIMESTAMP = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$";
    static final String CUSTOMER_ID = "^cstap_[0-9A-Za-z]{22}$";

    @Test
    void shouldRegisterIndividualAndEchoTheCustomerObject() {
        String reference = uniqueReference();
        Map<String, Object> body = individual(reference, "Testman", randomSsn());
        Response response = initCustomer(token(), body).statusCode(200)
                .contentType(ContentType.JSON)
                .body("code", equalTo("0"))
                .body("requestId", matchesPattern("^[0-9a-f]{32}$"))
                .body("data.reference", equalTo(reference))
                .body("data.customerId", matchesPattern(CUSTOMER_ID))
                .body("data.customerType", equalTo("individual"))
                .body("data.customer", equalTo(body.get("customer")))
                .body("data", hasKey("kycStatus"))
                .body("data.kycStatus", nullValue())
                .body("data.boises", empty())
                .body("data.dtsCreatedAt", matchesPattern(TIMESTAMP))
                .extract().response();
        assertEquals(response.path("requestId"), response.header("x-request-id"));
        assertTrue(response.asString().startsWith("{\"code\":\"0\",\"data\":{"), "envelope order: " + response.asString());
    }

    @Test
    void shouldEchoOptionalCustomerFieldsAsGiven() {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("firstName", "Ana");
        customer.put("middleName", "Maria");
        customer.put("lastName", "Optional");
        customer.put("phones", List.of(Map.of("number", "5551234567", "type", "MOBILE", "primary", true)));
        customer.put("addresses", List.of(Map.of("line1", "1 Main St", "city", "Springfield", "state", "IL",
                "zip", "62701", "countryCodeA3", "USA")));
        customer.put("identificationDocuments",
                List.of(Map.of("type", "SSN", "value", randomSsn(), "issuanceCountryCodeA3", "USA")));
        Map<String, Object> body = Map.of("customerReference", uniqueReference(), "customerType", "individual",
                "customer", customer);
        String id = initCustomer(token(), body).statusCode(200)
                .body("data.customer", equalTo(customer))
                .extract().path("data.customerId");
        as(token()).get("/customer/status/{id}", id).then().statusCode(200)
                .body("data.customer", equalTo(customer));
    }

    @Test
    void shouldAcceptCustomerWithoutSsn() {
        Map<String, Object> body = Map.of("customerReference", uniqueReference(), "customerType", "individual",
                "customer", Map.of("firstName", "No", "lastName", "Documents"));
        initCustomer(token(), body).statusCode(200).body("data.customer", equalTo(body.get("customer")));
        // a second customer without SSN is not a duplicate of the first
        Map<String, Object> other = Map.of("customerReference", uniqueReference(), "customerType", "individual",
                "customer", Map.of("firstName", "No", "lastName", "Documents"));
        initCustomer(token(), other).statusCode(200);
    }

    @Test
    void shouldReturnRegisteredCustomerFromStatus() {
        Map<String, Object> init = initCustomer(token(), individual(uniqueReference(), "Statusman", randomSsn()))
                .statusCode(200).extract().path("data");
        Response status = as(token()).get("/customer/status/{id}", init.get("customerId")).then().statusCode(200)
                .body("code", equalTo("0"))
                .extract().response();
        assertEquals(init, status.path("data"));
        assertEquals(status.path("requestId"), status.header("x-request-id"));
    }

    @Test
    void shouldRefuseDuplicateReferenceWithExistingEntityId() {
        String reference = uniqueReference();
        String first = initCustomer(token(), individual(reference, "First", randomSsn())).statusCode(200)
                .extract().path("data.customerId");
        assertError(initCustomer(token(), individual(reference, "Second", randomSsn())), 400, "referenceExists")
                .body("context.reference", equalTo(reference))
                .body("context.entityId", equalTo(first))
                .body("context", aMapWithSize(2));
    }

    @Test
    void shouldRefuseDuplicateSsnWithAggregatorAndCustomerId() {
        String ssn = randomSsn();
        String first = initCustomer(token(), individual(uniqueReference(), "First", ssn)).statusCode(200)
                .extract().path("data.customerId");
        assertError(initCustomer(token(), individual(uniqueReference(), "Second", ssn)), 400, "customerExists")
                .body("context.cFiAggregatorId", equalTo("sandbox"))
                .body("context.customerId", equalTo(first))
                .body("context", aMapWithSize(2));
    }

    @Test
    void shouldAnswerMalformedCustomerIdAsNotFound() {
        assertError(as(token()).get("/customer/status/{id}", "not an id").then(), 400, "customerNotFound");
        assertError(as(token()).get("/customer/status/{id}", "x".repeat(300)).then(), 400, "customerNotFound");
    }

    @Test
    void shouldRefuseMissingBodyAsValidationError() {
        assertRequired(as(token()).contentType(ContentType.JSON).post("/customer/init").then(), "", "body");
    }

    @Test
    void shouldListEveryMissingTopLevelField() {
        ValidatableResponse response = as(token()).contentType(ContentType.JSON).body(Map.of())
                .post("/customer/init").then();
        for (String field : List.of("customerReference", "customerType", "customer")) {
            assertRequired(response, "", field);
        }
    }

    @Test
    void shouldReportMissingCustomerFieldsAtTheCustomerObject() {
        Map<String, Object> body = Map.of("customerReference", uniqueReference(), "customerType", "individual",
                "customer", Map.of("email", "someone@example.com"));
        ValidatableResponse response = initCustomer(token(), body);
        Map<String, Object> firstName = assertRequired(response, "/customer", "firstName");
        assertEquals("must have required property 'firstName'", firstName.get("message"));
        assertRequired(response, "/customer", "lastName");
        assertEquals(2, response.extract().<List<?>> path("context").size(), response.extract().asString());
    }

    @Test
    void shouldReportBlankNameAsMinLength() {
        Map<String, Object> body = Map.of("customerReference", uniqueReference(), "customerType", "individual",
                "customer", Map.of("firstName", "", "lastName", "Blank"));
        assertValidationFailure(initCustomer(token(), body), "/customer/firstName", "minLength");
    }

    @Test
    void shouldRefuseReferenceOutsideItsPattern() {
        Map<String, Object> failure = assertValidationFailure(
                initCustomer(token(), individual("bad-ref!", "Pattern", randomSsn())), "/customerReference", "pattern");
        assertEquals("^[0-9a-zA-Z]+$", params(failure).get("pattern"));
    }

    @Test
    void shouldRefuseReferenceLongerThan32() {
        Map<String, Object> failure = assertValidationFailure(
                initCustomer(token(), individual("a".repeat(33), "Long", randomSsn())), "/customerReference",
                "maxLength");
        assertEquals(32, params(failure).get("max"));
        String reference = uniqueReference();
        String longest = reference + "a".repeat(32 - reference.length());
        initCustomer(token(), individual(longest, "Exact", randomSsn())).statusCode(200)
                .body("data.reference", equalTo(longest));
    }

    @Test
    void shouldRefuseCustomerTypeOtherThanIndividualOrBusiness() {
        Map<String, Object> body = new HashMap<>(individual(uniqueReference(), "Business", randomSsn()));
        body.put("customerType", "trust");
        assertValidationFailure(initCustomer(token(), body), "/customerType", "pattern");
        body.put("customerType", "Individual");
        assertValidationFailure(initCustomer(token(), body), "/customerType", "pattern");
    }

    @Test
    void shouldRefuseSsnThatIsNotNineDigits() {
        for (String ssn : List.of("12345678", "1234567890", "12345678a", "123-45-6789")) {
            Map<String, Object> failure = ssnFailure(initCustomer(token(), individual(uniqueReference(), "Ssn", ssn)));
            assertEquals("an SSN or FEIN value must be 9 digits", failure.get("message"), ssn);
        }
    }

    @Test
    void shouldNotApplyTheSsnRuleToOtherDocumentTypes() {
        Map<String, Object> body = Map.of("customerReference", uniqueReference(), "customerType", "individual",
                "customer", Map.of("firstName", "Pass", "lastName", "Port",
                        "identificationDocuments", List.of(Map.of("type", "PASSPORT", "value", "X1234"))));
        initCustomer(token(), body).statusCode(200);
    }

    @Test
    void shouldRefuseMalformedEmail() {
        Map<String, Object> body = Map.of("customerReference", uniqueReference(), "customerType", "individual",
                "customer", Map.of("firstName", "Mail", "lastName", "Bad", "email", "not-an-email"));
        Map<String, Object> failure = assertValidationFailure(initCustomer(token(), body), "/customer/email", "format");
        assertEquals("email", params(failure).get("format"));
    }

    @Test
    void shouldRefuseDateOfBirthOutsideIsoDate() {
        Map<String, Object> body = Map.of("customerReference", uniqueReference(), "customerType", "individual",
                "customer", Map.of("firstName", "Date", "lastName", "Bad", "dateOfBirth", "01/04/1990"));
        assertValidationFailure(initCustomer(token(), body), "/customer/dateOfBirth", "pattern");
    }

    @Test
    void shouldAnswerMalformedJsonAsBadRequest() {
        for (String malformed : List.of("{\"customerReference\": ", "not json at all", "{\"customer\": {\"firstName\": }}")) {
            assertError(as(token()).contentType(ContentType.JSON).body(malformed).post("/customer/init").then(), 400,
                    "badRequest");
        }
    }

    @Test
    void shouldAnswerWrongJsonTypesAsBadRequest() {
        assertError(as(token()).contentType(ContentType.JSON).body("[1, 2]").post("/customer/init").then(), 400,
                "badRequest");
        assertError(as(token()).contentType(ContentType.JSON)
                .body("{\"customerReference\":\"r1\",\"customerType\":\"individual\",\"customer\":\"text\"}")
                .post("/customer/init").then(), 400, "badRequest");
    }

    static Map<String, Object> ssnFailure(ValidatableResponse response) {
        assertError(response, 400, "requestValidateError");
        List<Map<String, Object>> failures = response.extract().path("context");
        assertEquals(1, failures.size(), response.extract().asString());
        Map<String, Object> failure = failures.get(0);
        assertEquals("/customer/identificationDocuments/0/value", failure.get("instancePath"),
                response.extract().asString());
        return failure;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> params(Map<String, Object> failure) {
        return (Map<String, Object>) failure.get("params");
    }

    static Map<String, Object> withoutRequestId(Response response) {
        Map<String, Object> body = new HashMap<>(response.path(""));
        body.remove("requestId");
        return body;
    }
}
