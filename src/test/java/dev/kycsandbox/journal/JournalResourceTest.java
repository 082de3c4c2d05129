package dev.kycsandbox.journal;

import static dev.kycsandbox.support.Api.ADMIN_HEADER;
import static dev.kycsandbox.support.Api.TOKEN_HEADER;
import static dev.kycsandbox.support.Api.assertError;
import static dev.kycsandbox.support.Api.asAdmin;
import static dev.kycsandbox.support.Api.initKyc;
import static dev.kycsandbox.support.Api.kycSlots;
import static dev.kycsandbox.support.Api.kycStatus;
import static dev.kycsandbox.support.Api.login;
import static dev.kycsandbox.support.Api.newCustomer;
import static dev.kycsandbox.support.Api.token;
import static dev.kycsandbox.support.Api.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.kycsandbox.support.Documents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class JournalResourceTest {

    @Test
    void shouldRecordAnUploadWithItsFileHashButNeverItsBytesOrToken() throws Exception {
        String token = token();
        String customerId = newCustomer(token);
        initKyc(token, customerId).statusCode(200);
        String slot = kycSlots(token, customerId).get(0);
        byte[] png = Documents.png(7);
        upload(token, customerId, slot, png).statusCode(200);

        JsonPath journal = asAdmin().queryParam("customerId", customerId).get("/sandbox/requests")
                .then().statusCode(200).body("code", equalTo("0")).body("data.enabled", equalTo(true))
                .extract().jsonPath();
        List<Map<String, Object>> requests = journal.getList("data.requests");
        assertEquals(3, requests.size(), "kyc init, kyc status (kycSlots), upload: " + requests);
        Map<String, Object> newest = requests.get(0);
        assertEquals("POST /customer/kyc/upload/{customerId}/{documentId}", newest.get("route"));
        assertEquals(200, newest.get("status"));
        assertEquals("sandbox", newest.get("tenantId"));
        assertEquals(customerId, newest.get("customerId"));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png)),
                journal.getString("data.requests[0].file.sha256"));
        assertEquals(png.length, journal.getLong("data.requests[0].file.size"));
        assertEquals(null, newest.get("requestBody"), "a file's bytes are never kept");
        assertEquals("***", header(journal.getList("data.requests[0].requestHeaders"), "x-connectfi-token"));
        assertTrue(((Number) newest.get("seq")).longValue() > ((Number) requests.get(1).get("seq")).longValue(),
                "newest first");
        assertEquals("POST /customer/kyc/init", requests.get(2).get("route"));
        assertEquals(customerId, requests.get(2).get("customerId"), "named by the JSON body");
        assertTrue(((String) requests.get(2).get("requestBody")).contains(customerId));
    }

    @Test
    void shouldRedactPasswordsInBodies() {
        login("sandbox", "hunter2-not-the-password").statusCode(401);
        String body = asAdmin().queryParam("route", "/auth/get-token").queryParam("limit", "1").get("/sandbox/requests")
                .then().statusCode(200).body("data.requests[0].status", equalTo(401))
                .extract().path("data.requests[0].requestBody");
        assertFalse(body.contains("hunter2"), body);
        assertTrue(body.contains("\"password\":\"***\""), body);
    }

    @Test
    void shouldFilterByStatusClassAndLeaveOutTheAdminApi() {
        kycStatus(token(), "cstap_unknown").statusCode(400);
        asAdmin().queryParam("status", "4xx").get("/sandbox/requests").then().statusCode(200)
                .body("data.requests.status", everyItem(org.hamcrest.Matchers.both(
                        org.hamcrest.Matchers.greaterThanOrEqualTo(400)).and(org.hamcrest.Matchers.lessThan(500))))
                .body("data.requests.path", hasItem("/customer/kyc/status/cstap_unknown"))
                .body("data.requests.path", everyItem(not(startsWith("/sandbox"))));
    }

    @Test
    void shouldExportHar() {
        String token = token();
        kycStatus(token, "cstap_for_har").statusCode(400);
        JsonPath har = asAdmin().queryParam("limit", "2").get("/sandbox/requests.har").then().statusCode(200)
                .header("Content-Disposition", startsWith("attachment"))
                .body("log.version", equalTo("1.2"))
                .body("log.creator.name", equalTo("kyc-sandbox"))
                .extract().jsonPath();
        List<Map<String, Object>> entries = har.getList("log.entries");
        assertTrue(entries.size() <= 2, "at most the limit: " + entries.size());
        Map<String, Object> last = entries.get(entries.size() - 1);
        assertEquals("/customer/kyc/status/cstap_for_har", ((String) ((Map<?, ?>) last.get("request")).get("url"))
                .replaceFirst("^http://[^/]+", ""));
        assertEquals(400, ((Map<?, ?>) last.get("response")).get("status"));
        assertTrue(har.getString("log.entries[-1].response.content.text").contains("\"code\":\"customerNotFound\""),
                har.getString("log.entries[-1].response.content.text"));
        assertTrue(har.getString("log.entries[-1].startedDateTime").endsWith("Z"));
    }

    @Test
    void shouldKeepTheErrorEnvelopeAnsweredButNoSuccessBody() {
        String token = token();
        kycStatus(token, "cstap_why_failed").statusCode(400);
        asAdmin().queryParam("limit", "1").get("/sandbox/requests").then().statusCode(200)
                .body("data.requests[0].path", equalTo("/customer/kyc/status/cstap_why_failed"))
                .body("data.requests[0].responseBody", containsString("\"code\":\"customerNotFound\""));
        // answered by the HTTP layer, before any route: the same
        given().header(TOKEN_HEADER, token).contentType("application/json").body("{\"customerReference\":")
                .post("/customer/init").then().statusCode(400);
        asAdmin().queryParam("limit", "1").get("/sandbox/requests").then()
                .body("data.requests[0].responseBody", containsString("\"code\":\"badRequest\""));

        String customerId = newCustomer(token);
        initKyc(token, customerId).statusCode(200);
        asAdmin().queryParam("customerId", customerId).queryParam("limit", "1").get("/sandbox/requests").then()
                .body("data.requests[0].status", equalTo(200))
                .body("data.requests[0]", not(hasKey("responseBody")));
    }

    @Test
    void shouldRefuseMalformedFiltersAndStrangers() {
        assertError(asAdmin().queryParam("limit", "many").get("/sandbox/requests").then(), 400, "badRequest");
        assertError(asAdmin().queryParam("status", "5x").get("/sandbox/requests").then(), 400, "badRequest");
        assertError(asAdmin().queryParam("after", "-1").get("/sandbox/requests.har").then(), 400, "badRequest");
        assertError(given().get("/sandbox/requests").then(), 401, "unauthorized");
        assertError(given().header(ADMIN_HEADER, "wrong").get("/sandbox/requests.har").then(), 401, "unauthorized");
    }

    @Test
    void shouldListOnlyNewerEntriesAfterASequenceNumber() {
        kycStatus(token(), "cstap_first").statusCode(400);
        long seq = asAdmin().queryParam("limit", "1").get("/sandbox/requests").then().extract()
                .jsonPath().getLong("data.requests[0].seq");
        asAdmin().queryParam("after", seq).get("/sandbox/requests").then().statusCode(200)
                .body("data.requests", org.hamcrest.Matchers.empty());
        kycStatus(token(), "cstap_second").statusCode(400);
        asAdmin().queryParam("after", seq).get("/sandbox/requests").then().statusCode(200)
                .body("data.requests.path", equalTo(List.of("/customer/kyc/status/cstap_second")))
                .body("data.requests[0].fault", nullValue());
    }

    private static String header(List<Map<String, String>> headers, String name) {
        return headers.stream().filter(h -> h.get("name").equals(name)).map(h -> h.get("value")).findFirst().orElse(null);
    }
}
