package dev.kycsandbox.console;

import static dev.kycsandbox.support.Api.ADMIN_TOKEN;
import static dev.kycsandbox.support.Api.WAIT_REVIEW;
import static dev.kycsandbox.support.Api.as;
import static dev.kycsandbox.support.Api.assertError;
import static dev.kycsandbox.support.Api.asAdmin;
import static dev.kycsandbox.support.Api.individual;
import static dev.kycsandbox.support.Api.initCustomer;
import static dev.kycsandbox.support.Api.kycStatus;
import static dev.kycsandbox.support.Api.randomSsn;
import static dev.kycsandbox.support.Api.readyForReview;
import static dev.kycsandbox.support.Api.token;
import static dev.kycsandbox.support.Api.uniqueReference;
import static dev.kycsandbox.support.Api.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.kycsandbox.support.AkepaApi;
import dev.kycsandbox.support.Documents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class ConsoleResourceTest {

    static final String HOSTILE_NAME = "<img src=x onerror=alert(1)>";
    static final String HOSTILE_FIRST_NAME = "</pre><script>alert(2)</script>";

    @Test
    void shouldSendToLoginThenBackToTheDeepLink() {
        String customerId = customerInReview(token());
        String toLogin = given().redirects().follow(false).get("/console/customers/{id}", customerId).then()
                .statusCode(303).extract().header("Location");
        assertTrue(toLogin.contains("/console/login?next="), toLogin);
        assertTrue(toLogin.replace("%2F", "/").endsWith("/console/customers/" + customerId), toLogin);
        Response login = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("token", ADMIN_TOKEN).formParam("next", "/console/customers/" + customerId)
                .post("/console/login");
        assertEquals(303, login.statusCode());
        assertTrue(login.header("Location").endsWith("/console/customers/" + customerId), login.header("Location"));
        String setCookie = login.header("Set-Cookie");
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=strict"), setCookie);
        assertTrue(setCookie.contains("Path=/console"), setCookie);
        assertFalse(setCookie.contains("Secure"), "over plain HTTP a Secure cookie would never come back: " + setCookie);
        assertFalse(setCookie.contains(ADMIN_TOKEN), "the token never leaves the server: " + setCookie);
    }

    @Test
    void shouldRefuseAWrongTokenAndForeignRedirects() {
        Response wrong = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("token", "not-it").formParam("next", "/console/faults").post("/console/login");
        assertEquals(303, wrong.statusCode());
        assertTrue(wrong.header("Location").contains("failed=true"));
        assertEquals(null, wrong.header("Set-Cookie"));
        for (String next : List.of("https://evil.example/", "//evil.example/", "/console/../q/metrics", "/console/x\\y")) {
            assertEquals("/console/tenants", ConsoleResource.safeNext(next), next);
        }
        assertEquals("/console/customers/cstap_x", ConsoleResource.safeNext("/console/customers/cstap_x"));
    }

    @Test
    void shouldSendStrictSecurityHeaders() {
        Console console = Console.login();
        console.get("/console/tenants").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .body(containsString("<h1>Tenants</h1>"))
                .body(containsString("href=\"/console/tenants/sandbox\""));
        given().get("/console/static/console.js").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void shouldRenderHostileInputInert() {
        String token = token();
        Map<String, Object> body = new HashMap<>(individual(uniqueReference(), HOSTILE_NAME, randomSsn()));
        @SuppressWarnings("unchecked")
        Map<String, Object> customer = new HashMap<>((Map<String, Object>) body.get("customer"));
        customer.put("firstName", HOSTILE_FIRST_NAME);
        body.put("customer", customer);
        String customerId = initCustomer(token, body).statusCode(200).extract().path("data.customerId");
        as(token).contentType(ContentType.JSON)
                .body(Map.of("customerId", customerId, "webhookURL", "http://127.0.0.1:9/\"><script>alert(3)</script>"))
                .post("/customer/kyc/init").then().statusCode(200);
        String page = Console.login().get("/console/customers/" + customerId).then().statusCode(200).extract().asString();
        assertFalse(page.contains("<img src=x"), "the last name is escaped");
        assertFalse(page.contains("<script>alert"), "the first name and webhook URL are escaped");
        assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;"), page);
        assertTrue(page.contains("&lt;/pre&gt;&lt;script&gt;alert(2)&lt;/script&gt;"), page);
    }

    @Test
    void shouldDecideThroughTheAdminRuleWithTheCsrfTokenOnly() {
        String token = token();
        String customerId = customerInReview(token);
        Console console = Console.login();
        assertError(console.form().formParam("status", "APPROVED").formParam("csrf", "forged")
                .post("/console/customers/{id}/decision", customerId).then(), 403, "forbidden");
        assertError(given().redirects().follow(false).contentType(ContentType.URLENC).formParam("status", "APPROVED")
                .formParam("csrf", console.csrf).post("/console/customers/{id}/decision", customerId).then(), 401, "unauthorized");
        kycStatus(token, customerId).body("data.kyc.status", equalTo("IN_REVIEW"));

        console.form().formParam("status", "APPROVED").formParam("csrf", console.csrf)
                .post("/console/customers/{id}/decision", customerId).then().statusCode(303)
                .header("Location", endsWith("/console/customers/" + customerId + "?notice=decided"));
        kycStatus(token, customerId).body("data.kyc.status", equalTo("APPROVED"));
        console.form().formParam("status", "REJECTED").formParam("csrf", console.csrf)
                .post("/console/customers/{id}/decision", customerId).then().statusCode(303)
                .header("Location", endsWith("?notice=kycCompleted"));
        kycStatus(token, customerId).body("data.kyc.status", equalTo("APPROVED"));
        console.get("/console/customers/" + customerId + "?notice=kycCompleted").then()
                .body(containsString("already decided"));
    }

    @Test
    void shouldShowEveryStatusChangeOnTheTimelineInOrder() {
        String token = token();
        String customerId = customerInReview(token);
        Console console = Console.login();
        console.form().formParam("status", "REJECTED").formParam("csrf", console.csrf)
                .post("/console/customers/{id}/decision", customerId).then().statusCode(303);

        String page = console.get("/console/customers/" + customerId).asString();
        int review = page.indexOf("WAITING_DATA → IN_REVIEW");
        int decision = page.indexOf("IN_REVIEW → REJECTED");
        assertTrue(review > 0 && decision > review, page);
    }

    @Test
    void shouldShowAndDecideAnAkepaApplicationThroughTheAdminRule() {
        String token = token();
        String customerId = AkepaApi.newCustomer(token, "WaitReview");
        String applicationId = AkepaApi.start(token, customerId, null);
        String front = AkepaApi.generate(token, Map.of("workflow", "PERSONAL", "name", HOSTILE_NAME, "extension", "png",
                "type", "license")).statusCode(200).extract().path("data.id");
        AkepaApi.upload(token, front, Documents.png(71)).statusCode(200);
        AkepaApi.update(token, customerId, List.of(front)).statusCode(200);
        AkepaApi.update(token, customerId, List.of(AkepaApi.documentWith(token, "license", Documents.png(72))))
                .statusCode(200).body("data.status", equalTo("waiting_review"));
        Console console = Console.login();
        String page = console.get("/console/customers/" + customerId).asString();
        assertTrue(page.contains(applicationId) && page.contains("waiting_review") && page.contains(front), page);
        assertTrue(page.contains("akepa-decision"), "a decision form: " + page);
        assertFalse(page.contains(HOSTILE_NAME), "the document's name is escaped: " + page);
        assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;"), page);

        console.form().formParam("outcome", "Denied").formParam("csrf", "forged")
                .post("/console/customers/{id}/akepa-decision", customerId).then().statusCode(403);
        console.form().formParam("outcome", "Denied").formParam("csrf", console.csrf)
                .post("/console/customers/{id}/akepa-decision", customerId).then().statusCode(303)
                .header("Location", endsWith("?notice=decided"));
        AkepaApi.statusOf(token, customerId).body("data.status", equalTo("completed")).body("data.outcome", equalTo("Denied"));
        console.form().formParam("outcome", "Approved").formParam("csrf", console.csrf)
                .post("/console/customers/{id}/akepa-decision", customerId).then().statusCode(303)
                .header("Location", endsWith("?notice=applicationCompleted"));
        String decided = console.get("/console/customers/" + customerId).asString();
        assertTrue(decided.contains("completed: Denied") && !decided.contains("akepa-decision"), decided);
    }

    @Test
    void shouldPreviewImagesOnlyAndDownloadEverything() {
        String token = token();
        String customerId = dev.kycsandbox.support.Api.newCustomer(token, WAIT_REVIEW);
        List<String> slots = dev.kycsandbox.support.Api.kycSlots(token, customerId);
        upload(token, customerId, slots.get(0), Documents.png(9)).statusCode(200);
        upload(token, customerId, slots.get(1), Documents.pdf()).statusCode(200);
        Console console = Console.login();
        console.get("/console/documents/" + slots.get(0) + "/preview").then().statusCode(200)
                .contentType("image/png").header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", containsString("default-src 'none'"));
        assertError(console.get("/console/documents/" + slots.get(1) + "/preview").then(), 404, "documentNotFound");
        console.get("/console/documents/" + slots.get(1) + "/download").then().statusCode(200)
                .contentType("application/octet-stream")
                .header("Content-Disposition", "attachment; filename=\"" + slots.get(1) + ".pdf\"");
        assertError(given().get("/console/documents/" + slots.get(0) + "/preview").then(), 401, "unauthorized");
        console.get("/console/customers/" + customerId).then().statusCode(200)
                .body(containsString("/console/documents/" + slots.get(0) + "/preview"))
                .body(containsString("class=\"icon pdf\""));
    }

    @Test
    void shouldServeTheJournalAndFaultsToTheSessionOnly() {
        String token = token();
        kycStatus(token, "cstap_console_journal").statusCode(400);
        Console console = Console.login();
        console.get("/console/requests.json?route=/customer/kyc/status&limit=1").then().statusCode(200)
                .body("[0].path", equalTo("/customer/kyc/status/cstap_console_journal"));
        assertError(given().get("/console/requests.json").then(), 401, "unauthorized");
        console.get("/console/requests.har").then().statusCode(200).body("log.version", equalTo("1.2"));

        console.form().formParam("csrf", console.csrf).formParam("action", "error").formParam("status", "503")
                .formParam("customerId", "cstap_console_fault").post("/console/faults").then().statusCode(303)
                .header("Location", endsWith("notice=faultCreated"));
        String id = asAdmin().get("/sandbox/faults").then().extract().path("data.faults[0].id");
        console.get("/console/faults").then().body(containsString(id));
        console.form().formParam("csrf", console.csrf).formParam("action", "latency")
                .post("/console/faults").then().header("Location", endsWith("notice=faultRefused"));
        console.form().formParam("csrf", console.csrf).post("/console/faults/reset").then().statusCode(303);
        asAdmin().get("/sandbox/faults").then().body("data.faults.size()", equalTo(0));
    }

    @Test
    void shouldLogOut() {
        Console console = Console.login();
        console.form().formParam("csrf", console.csrf).post("/console/logout").then().statusCode(303);
        console.request().redirects().follow(false).get("/console/tenants").then().statusCode(303);
    }

    private static String customerInReview(String token) {
        String customerId = dev.kycsandbox.support.Api.newCustomer(token, WAIT_REVIEW);
        readyForReview(token, customerId);
        return customerId;
    }

    /** A logged-in browser: its session cookie and the CSRF token of its pages. */
    record Console(String session, String csrf) {

        private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([0-9A-Za-z]+)\"");

        static Console login() {
            Response login = given().redirects().follow(false).contentType(ContentType.URLENC)
                    .formParam("token", ADMIN_TOKEN).post("/console/login");
            String session = login.cookie(ConsoleResource.COOKIE);
            String page = given().cookie(ConsoleResource.COOKIE, session).get("/console/tenants").asString();
            Matcher csrf = CSRF.matcher(page);
            assertTrue(csrf.find(), page);
            return new Console(session, csrf.group(1));
        }

        RequestSpecification request() {
            return given().cookie(ConsoleResource.COOKIE, session);
        }

        Response get(String path) {
            return request().get(path);
        }

        RequestSpecification form() {
            return request().redirects().follow(false).contentType(ContentType.URLENC);
        }
    }
}
