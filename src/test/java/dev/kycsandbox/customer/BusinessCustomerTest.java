package dev.kycsandbox.customer;

import static dev.kycsandbox.support.Api.as;
import static dev.kycsandbox.support.Api.assertError;
import static dev.kycsandbox.support.Api.assertRequired;
import static dev.kycsandbox.support.Api.assertValidationFailure;
import static dev.kycsandbox.support.Api.initCustomer;
import static dev.kycsandbox.support.Api.randomSsn;
import static dev.kycsandbox.support.Api.token;
import static dev.kycsandbox.support.Api.tokenOfTenant;
import static dev.kycsandbox.support.Api.uniqueReference;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;


import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BusinessCustomerTest {


    static Map<String, Object> representative(String id, String lastName) {
        Map<String, Object> rep = new LinkedHashMap<>();
        if (id != null) {
            rep.put("id", id);
        }
        rep.put("firstName", "Rita");
        rep.put("lastName", lastName);
        rep.put("dateOfBirth", "1980-02-03");
        rep.put("identificationDocuments", List.of(Map.of("type", "SSN", "value", randomSsn())));
        return rep;
    }

    static Map<String, Object> business(String reference, String fein, List<Map<String, Object>> representatives) {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("legalName", "Acme Widgets LLC");
        customer.put("email", "ops@acme.example");
        customer.put("businessAddresses", List.of(Map.of("type", "PRIMARY", "addressLine1", "1 Main St",
                "city", "Springfield", "stateCode", "IL", "postalCode", "62701", "countryCodeA3", "USA")));
        customer.put("businessPhones", List.of(Map.of("type", "LANDLINE", "countryDialingCode", "01",
                "phoneNumber", "5556667777")));
        customer.put("identificationDocuments", List.of(Map.of("type", "FEIN", "value", fein)));
        customer.put("businessRepresentatives", representatives);
        return Map.of("customerReference", reference, "customerType", "business", "customer", customer);
    }

    @Test
    void shouldRegisterBusinessWithBusinessIdPrefixAndEchoIt() {
        Map<String, Object> body = business(uniqueReference(), randomSsn(), List.of(representative("rep1", "Owner")));
        @SuppressWarnings("unchecked")
        Map<String, Object> customer = (Map<String, Object>) body.get("customer");
        String id = initCustomer(token(), body).statusCode(200)
                .body("data.customerId", matchesPattern("^cstab_[0-9A-Za-z]{22}$"))
                .body("data.customerType", equalTo("business"))
                .body("data.customer", equalTo(customer))
                .body("data.kycStatus", nullValue())
                .extract().path("data.customerId");
        as(token()).get("/customer/status/{id}", id).then().statusCode(200).body("data.customer", equalTo(customer));
    }

    @Test
    void shouldGiveRepresentativesWithoutIdAnIdOfTheirOwn() {
        initCustomer(token(), business(uniqueReference(), randomSsn(),
                List.of(representative(null, "Owner"), representative("keepMe", "Partner")))).statusCode(200)
                .body("data.customer.businessRepresentatives[0].id", matchesPattern("^brep_[0-9A-Za-z]{22}$"))
                .body("data.customer.businessRepresentatives[1].id", equalTo("keepMe"));
    }

    @Test
    void shouldRefuseDuplicateFeinWithTheExistingCustomer() {
        String fein = randomSsn();
        String first = initCustomer(token(), business(uniqueReference(), fein, List.of(representative(null, "A"))))
                .statusCode(200).extract().path("data.customerId");
        assertError(initCustomer(token(), business(uniqueReference(), fein, List.of(representative(null, "B")))),
                400, "customerExists")
                .body("message", equalTo("Customer exists."))
                .body("context.cFiAggregatorId", equalTo("sandbox"))
                .body("context.customerId", equalTo(first));
    }

    @Test
    void shouldAllowTheSameNineDigitsAsSsnOfAnIndividualAndFeinOfABusiness() {
        String digits = randomSsn();
        initCustomer(token(), dev.kycsandbox.support.Api.individual(uniqueReference(), "Person", digits)).statusCode(200);
        initCustomer(token(), business(uniqueReference(), digits, List.of(representative(null, "C")))).statusCode(200);
    }

    @Test
    void shouldAllowTheSameFeinInAnotherTenant() {
        String fein = randomSsn();
        initCustomer(token(), business(uniqueReference(), fein, List.of(representative(null, "D")))).statusCode(200);
        initCustomer(tokenOfTenant("bizother"), business(uniqueReference(), fein,
                List.of(representative(null, "D")))).statusCode(200);
    }

    @Test
    void shouldCreateExactlyOneBusinessUnderConcurrentInitsWithOneFein() throws Exception {
        String fein = randomSsn();
        String token = token();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> initCustomer(token, business(uniqueReference(), fein, List.of(representative(null, "E"))))
                        .extract().statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(s -> s == 400).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldValidateTheBusinessSchema() {
        Map<String, Object> body = Map.of("customerReference", uniqueReference(), "customerType", "business",
                "customer", Map.of("identificationDocuments", List.of(Map.of("type", "FEIN", "value", "12-345")),
                        "businessRepresentatives", List.of(Map.of("firstName", "NoLast"))));
        assertRequired(initCustomer(token(), body), "/customer", "legalName");
        assertValidationFailure(initCustomer(token(), body), "/customer/identificationDocuments/0/value", "TaxIdIsNineDigits");
        assertRequired(initCustomer(token(), body), "/customer/businessRepresentatives/0", "lastName");
    }

    @Test
    void shouldRequireAtLeastOneRepresentative() {
        Map<String, Object> body = business(uniqueReference(), randomSsn(), List.of());
        assertValidationFailure(initCustomer(token(), body), "/customer/businessRepresentatives", "minItems");
    }

    @Test
    void shouldAnswerUnknownOrMissingCustomerTypeAsValidationError() {
        Map<String, Object> unknown = Map.of("customerReference", uniqueReference(), "customerType", "trust",
                "customer", Map.of("legalName", "X"));
        assertValidationFailure(initCustomer(token(), unknown), "/customerType", "pattern");
        Map<String, Object> missing = Map.of("customerReference", uniqueReference(), "customer", Map.of("legalName", "X"));
        assertValidationFailure(initCustomer(token(), missing), "/customerType", "pattern");
    }
}
