package dev.kycsandbox.api;

import static dev.kycsandbox.support.Api.kycSlots;
import static dev.kycsandbox.support.Api.newCustomer;
import static dev.kycsandbox.support.Api.token;
import static dev.kycsandbox.support.Api.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.kycsandbox.support.Api;
import dev.kycsandbox.support.Documents;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MetricsTest {

    @Test
    void shouldCountUploadsByOutcomeWithLatencyHistogramAndBytesStored() {
        String token = token();
        String customerId = newCustomer(token);
        List<String> slots = kycSlots(token, customerId);
        upload(token, customerId, slots.get(0), Documents.png(3)).statusCode(200);
        upload(token, customerId, slots.get(0), Documents.text()).statusCode(400);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("sandbox_uploads_total{endpoint=\"KycResource.upload\",outcome=\"0\"}"))
                .body(containsString("sandbox_uploads_total{endpoint=\"KycResource.upload\",outcome=\"badRequest\"}"))
                .body(containsString("sandbox_upload_duration_seconds_bucket{endpoint=\"KycResource.upload\""))
                .body(containsString("sandbox_storage_bytes_written_total"));
    }

    @Test
    void shouldCountKycStatusTransitions() {
        String token = token();
        String customerId = newCustomer(token);
        kycSlots(token, customerId);
        Api.decide(customerId, "REJECTED").statusCode(200);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("sandbox_kyc_status_transitions_total{from=\"WAITING_DATA\",to=\"REJECTED\"}"));
    }
}
