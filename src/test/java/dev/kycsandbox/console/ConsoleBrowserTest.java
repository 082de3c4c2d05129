package dev.kycsandbox.console;

import static dev.kycsandbox.support.Api.ADMIN_TOKEN;
import static dev.kycsandbox.support.Api.WAIT_REVIEW;
import static dev.kycsandbox.support.Api.addCardAttributes;
import static dev.kycsandbox.support.Api.as;
import static dev.kycsandbox.support.Api.asAdmin;
import static dev.kycsandbox.support.Api.individual;
import static dev.kycsandbox.support.Api.initCustomer;
import static dev.kycsandbox.support.Api.kycStatus;
import static dev.kycsandbox.support.Api.randomSsn;
import static dev.kycsandbox.support.Api.token;
import static dev.kycsandbox.support.Api.uniqueReference;
import static dev.kycsandbox.support.Api.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.kycsandbox.support.Documents;
import dev.kycsandbox.support.WebhookReceiver;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The console in a real browser: Debian's Chromium, headless, driven through its chromedriver
 * (both found on PATH; .ci/run installs them), on loopback only. Saves screenshots of the main
 * views to {@code target/console-screenshots}, or to the folder {@code -Dconsole.screenshots=}
 * names (docs/console.md shows those of {@code -Dconsole.screenshots=docs/console}).
 */
@QuarkusTest
class ConsoleBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static ChromeDriver browser;
    private static WebhookReceiver receiver;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void startBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(onPath("chromium"));
        // --no-sandbox: CI runs as root, where Chromium's own sandbox cannot start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--no-first-run", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(onPath("chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @AfterEach
    void noFaultsLeft() {
        asAdmin().delete("/sandbox/faults").then().statusCode(200);
    }

    @Test
    void shouldLogInOpenADeepLinkSeeThePreviewApproveAndSeeTheWebhook() {
        String token = token();
        String hook = receiver.newHook();
        String customerId = newCustomer(token, WAIT_REVIEW, "Jessie");
        as(token).contentType(ContentType.JSON).body(Map.of("customerId", customerId, "webhookURL", receiver.url(hook)))
                .post("/customer/kyc/init").then().statusCode(200);
        List<String> slots = kycStatus(token, customerId).extract().path("data.kycDocumentList.id");
        upload(token, customerId, slots.get(0), Documents.png(3)).statusCode(200);
        upload(token, customerId, slots.get(1), Documents.png(11)).statusCode(200);
        addCardAttributes(token, customerId).statusCode(200);

        open("/console/static/console.css");
        browser.manage().deleteAllCookies(); // logged out, whichever test ran before
        open("/console/customers/" + customerId);
        waitFor(ExpectedConditions.urlContains("/console/login"));
        screenshot("login");
        logIn();
        waitFor(ExpectedConditions.urlContains("/console/customers/" + customerId));
        assertEquals(customerId, browser.findElement(By.id("customer-id")).getText());
        assertEquals("IN_REVIEW", browser.findElement(By.id("session-status-0")).getText());
        WebElement preview = browser.findElement(By.cssSelector("#doc-" + slots.get(0) + " img.preview"));
        waitFor(driver -> (Boolean) browser.executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth > 0", preview));
        assertTrue(browser.findElement(By.cssSelector("#doc-" + slots.get(0))).getText().contains("SHA-256"));
        screenshot("customer-in-review");

        browser.findElement(By.id("approve")).click();
        waitFor(ExpectedConditions.textToBe(By.id("session-status-0"), "APPROVED"));
        assertEquals("Decision recorded.", browser.findElement(By.id("notice")).getText());
        kycStatus(token, customerId).statusCode(200).body("data.kyc.status", org.hamcrest.Matchers.equalTo("APPROVED"));

        receiver.await(hook, 2, PATIENCE); // IN_REVIEW, then APPROVED
        waitFor(driver -> {
            browser.navigate().refresh();
            return browser.findElements(By.cssSelector("#webhooks .delivery-DELIVERED")).size() == 2;
        });
        assertTrue(browser.findElement(By.id("webhooks")).getText().contains("HTTP 200"));
        browser.executeScript("document.getElementById('notice').scrollIntoView()");
        screenshot("customer-approved");
        browser.executeScript("document.getElementById('webhooks').scrollIntoView()");
        screenshot("webhooks");
    }

    @Test
    void shouldInjectAFaultAndWatchTheJournalShowIt() {
        String token = token();
        String customerId = newCustomer(token, WAIT_REVIEW, "Jessie");
        as(token).contentType(ContentType.JSON).body(Map.of("customerId", customerId)).post("/customer/kyc/init")
                .then().statusCode(200);
        open("/console/faults");
        logInIfAsked();
        browser.findElement(By.id("fault-route")).sendKeys("GET /customer/kyc/status/{customerId}");
        browser.findElement(By.id("fault-customer")).sendKeys(customerId);
        browser.findElement(By.id("fault-times")).sendKeys("1");
        new Select(browser.findElement(By.id("fault-action"))).selectByValue("error");
        new Select(browser.findElement(By.id("fault-status"))).selectByValue("503");
        browser.findElement(By.id("create-fault")).click();
        waitFor(ExpectedConditions.textToBe(By.id("notice"), "Fault rule created."));
        String rule = asAdmin().get("/sandbox/faults").then().extract().path("data.faults[0].id");
        assertTrue(browser.findElement(By.id("faults")).getText().contains(rule));
        screenshot("faults");

        open("/console/requests?customerId=" + customerId);
        waitFor(driver -> browser.findElements(By.cssSelector("#journal tr.entry")).size() == 1); // the kyc init
        kycStatus(token, customerId).statusCode(503); // seen by the open page without a reload
        waitFor(driver -> browser.findElements(By.cssSelector("#journal tr.entry")).size() == 2);
        WebElement newest = browser.findElement(By.cssSelector("#journal tr.entry"));
        assertTrue(newest.getText().contains("503"), newest.getText());
        assertTrue(newest.getText().contains(rule), newest.getText());
        kycStatus(token, customerId).statusCode(200);
        waitFor(driver -> browser.findElements(By.cssSelector("#journal tr.entry")).size() == 3);
        screenshot("requests");
    }

    @Test
    void shouldShowHostileInputAsText() {
        String token = token();
        String customerId = newCustomer(token, ConsoleResourceTest.HOSTILE_NAME, ConsoleResourceTest.HOSTILE_FIRST_NAME);
        open("/console/customers/" + customerId);
        logInIfAsked();
        waitFor(ExpectedConditions.textToBe(By.id("customer-name"), ConsoleResourceTest.HOSTILE_NAME));
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
        assertTrue(browser.findElements(By.cssSelector("main img:not(.preview)")).isEmpty(), "no injected image");
        assertTrue(browser.findElements(By.cssSelector("main script")).isEmpty(), "no injected script");

        open("/console/tenants/sandbox");
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("customers")));
        screenshot("tenant");
    }

    private static String newCustomer(String token, String lastName, String firstName) {
        Map<String, Object> body = new HashMap<>(individual(uniqueReference(), lastName, randomSsn()));
        @SuppressWarnings("unchecked")
        Map<String, Object> customer = new HashMap<>((Map<String, Object>) body.get("customer"));
        customer.put("firstName", firstName);
        body.put("customer", customer);
        return initCustomer(token, body).statusCode(200).extract().path("data.customerId");
    }

    private void open(String path) {
        browser.get(root.toString().replaceFirst("/$", "") + path);
    }

    private static void logIn() {
        browser.findElement(By.id("token")).sendKeys(ADMIN_TOKEN);
        browser.findElement(By.id("login")).click();
    }

    private static void logInIfAsked() {
        if (browser.getCurrentUrl().contains("/console/login")) {
            logIn();
        }
    }

    private static <T> T waitFor(java.util.function.Function<org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(browser, PATIENCE).until(condition);
    }

    private static void screenshot(String name) {
        Path folder = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));
        try {
            Files.createDirectories(folder);
            File shot = browser.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), folder.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A program on PATH: the project names no machine's paths. */
    private static File onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, program);
            if (candidate.canExecute()) {
                return candidate;
            }
        }
        throw new IllegalStateException(program + " is not on PATH: install Debian's chromium and chromium-driver (.ci/run does)");
    }
}
