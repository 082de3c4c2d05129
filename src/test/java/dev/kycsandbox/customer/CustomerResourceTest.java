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

import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kycsandbox.support.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class CustomerResourceTest extends CustomerApiTests {

    private static final int CONCURRENT_CLIENTS = 12;


    @TestHTTPResource("/customer/init")
    URI initUri;

    @Test
    void shouldAllowSameReferenceAndSsnInAnotherTenant() {
        String reference = uniqueReference();
        String ssn = randomSsn();
        String mine = initCustomer(token(), individual(reference, "Tenantone", ssn)).statusCode(200)
                .extract().path("data.customerId");
        String theirs = initCustomer(otherTenant(), individual(reference, "Tenanttwo", ssn)).statusCode(200)
                .body("data.reference", equalTo(reference))
                .extract().path("data.customerId");
        assertNotEquals(mine, theirs);
        // and each tenant still refuses its own duplicate, naming its own customer
        assertError(initCustomer(otherTenant(), individual(reference, "Again", randomSsn())), 400, "referenceExists")
                .body("context.entityId", equalTo(theirs));
        assertError(initCustomer(otherTenant(), individual(uniqueReference(), "Again", ssn)), 400, "customerExists")
                .body("context.cFiAggregatorId", equalTo("tnt-cust"))
                .body("context.customerId", equalTo(theirs));
    }

    @Test
    void shouldAnswerAnotherTenantsCustomerExactlyLikeAnUnknownId() {
        String theirs = Api.newCustomer(otherTenant());
        Response foreign = assertError(as(token()).get("/customer/status/{id}", theirs).then(), 400, "customerNotFound")
                .extract().response();
        Response unknown = assertError(as(token()).get("/customer/status/{id}", Api.unknownCustomerId()).then(), 400,
                "customerNotFound").extract().response();
        assertEquals("Customer Not Found", foreign.path("message"));
        assertEquals(unknown.<String> path("message"), foreign.<String> path("message"));
        assertEquals(unknown.<Object> path("context"), foreign.<Object> path("context"));
        assertEquals(withoutRequestId(unknown), withoutRequestId(foreign));
        // the owner still sees it
        as(otherTenant()).get("/customer/status/{id}", theirs).then().statusCode(200);
    }

    @Test
    void shouldRefuseNullIdentificationDocumentAsValidationError() {
        // once answered 500 internalError: the SSN lookup met the null entry
        String reference = uniqueReference();
        String body = "{\"customerReference\":\"" + reference + "\",\"customerType\":\"individual\","
                + "\"customer\":{\"firstName\":\"Null\",\"lastName\":\"Document\",\"identificationDocuments\":[null]}}";
        ValidatableResponse response = as(token()).contentType(ContentType.JSON).body(body).post("/customer/init").then();
        assertError(response, 400, "requestValidateError");
        List<Map<String, Object>> failures = response.extract().path("context");
        assertEquals(1, failures.size(), response.extract().asString());
        assertEquals("/customer/identificationDocuments/0", failures.get(0).get("instancePath"));
        assertEquals(0, countCustomers("sandbox", reference));
    }

    @Test
    void shouldRegisterNothingWhenValidationFails() {
        String reference = uniqueReference();
        Map<String, Object> body = Map.of("customerReference", reference, "customerType", "individual",
                "customer", Map.of("firstName", "Mail", "lastName", "Bad", "email", "nope"));
        assertError(initCustomer(token(), body), 400, "requestValidateError");
        assertEquals(0, countCustomers("sandbox", reference));
    }

    @Test
    void shouldCreateExactlyOneCustomerWhenTheSameReferenceArrivesConcurrently() throws Exception {
        String reference = uniqueReference();
        List<HttpResponse<String>> responses = concurrently(i -> individual(reference, "Racer", randomSsn()));

        List<String> winners = new ArrayList<>();
        List<JsonPath> losers = new ArrayList<>();
        for (HttpResponse<String> response : responses) {
            JsonPath json = JsonPath.from(response.body());
            assertEquals(json.getString("requestId"), response.headers().firstValue("x-request-id").orElse(null));
            if (response.statusCode() == 200) {
                winners.add(json.getString("data.customerId"));
            } else {
                assertEquals(400, response.statusCode(), response.body());
                assertEquals("referenceExists", json.getString("code"), response.body());
                losers.add(json);
            }
        }
        assertEquals(1, winners.size(), "exactly one init wins: " + winners);
        assertEquals(CONCURRENT_CLIENTS - 1, losers.size());
        for (JsonPath loser : losers) {
            assertEquals(reference, loser.getString("context.reference"));
            assertEquals(winners.get(0), loser.getString("context.entityId"), "losers name the winner");
        }
        assertEquals(1, countCustomers("sandbox", reference));
    }

    @Test
    void shouldCreateExactlyOneCustomerWhenTheSameSsnArrivesConcurrently() throws Exception {
        String ssn = randomSsn();
        List<HttpResponse<String>> responses = concurrently(i -> individual(uniqueReference(), "Racer", ssn));

        List<String> winners = new ArrayList<>();
        for (HttpResponse<String> response : responses) {
            JsonPath json = JsonPath.from(response.body());
            if (response.statusCode() == 200) {
                winners.add(json.getString("data.customerId"));
            } else {
                assertEquals(400, response.statusCode(), response.body());
                assertEquals("customerExists", json.getString("code"), response.body());
            }
        }
        assertEquals(1, winners.size(), "exactly one init wins: " + winners);
        for (HttpResponse<String> response : responses) {
            if (response.statusCode() != 200) {
                assertEquals(winners.get(0), JsonPath.from(response.body()).getString("context.customerId"));
            }
        }
        assertEquals(1, countCustomersWithSsn("sandbox", ssn));
    }

    private interface BodyFactory {
        Map<String, Object> body(int client);
    }

    /** Sends one init per client, all released at once; real HTTP, bounded in count and time. */
    private List<HttpResponse<String>> concurrently(BodyFactory bodies) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String token = token();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_CLIENTS; i++) {
            requests.add(HttpRequest.newBuilder(initUri).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").header(Api.TOKEN_HEADER, token)
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(bodies.body(i)))).build());
        }
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_CLIENTS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (HttpRequest request : requests) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return client.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get(90, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private String otherTenant() {
        return Api.tokenOfTenant("tnt-cust");
    }

    @Transactional
    long countCustomers(String tenantId, String reference) {
        return Customer.count("tenantId = ?1 and reference = ?2", tenantId, reference);
    }

    @Transactional
    long countCustomersWithSsn(String tenantId, String ssn) {
        return Customer.count("tenantId = ?1 and taxId = ?2", tenantId, ssn);
    }
}
