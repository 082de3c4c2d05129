package dev.kycsandbox.api;

import static dev.kycsandbox.support.Api.kycSlots;
import static dev.kycsandbox.support.Api.newCustomer;
import static dev.kycsandbox.support.Api.token;
import static dev.kycsandbox.support.Api.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.kycsandbox.support.AkepaApi;
import dev.kycsandbox.support.Api;
import dev.kycsandbox.support.Documents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
class MetricsTest {

    private static final String KYC_UPLOAD = "POST /customer/kyc/upload/{customerId}/{documentId}";

    @Test
    void shouldCountUploadsByOutcomeWithLatencyHistogramAndBytesStored() {
        String token = token();
        String customerId = newCustomer(token);
        List<String> slots = kycSlots(token, customerId);
        upload(token, customerId, slots.get(0), Documents.png(3)).statusCode(200);
        upload(token, customerId, slots.get(0), Documents.text()).statusCode(400);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("sandbox_uploads_total{endpoint=\"" + KYC_UPLOAD + "\",outcome=\"stored\"}"))
                .body(containsString("sandbox_uploads_total{endpoint=\"" + KYC_UPLOAD + "\",outcome=\"badRequest\"}"))
                .body(containsString("sandbox_upload_duration_seconds_bucket{endpoint=\"" + KYC_UPLOAD + "\""))
                .body(containsString("sandbox_storage_bytes_written_total"));
    }

    @Test
    void shouldCountAnUploadRefusedOnItsDeclaredLengthBeforeTheEndpointRuns() throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            // Expect: 100-continue: no byte of the body travels, the answer comes from the HTTP layer
            socket.getOutputStream().write(("POST /document/upload/sdoc_x HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 99000000\r\n"
                    + "Expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 413", answer);
        }
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("sandbox_uploads_total{endpoint=\"POST /document/upload/{documentId}\","
                        + "outcome=\"payloadTooLarge\"}"));
    }

    @Test
    void shouldCountAkepaUploadsUnderTheirRouteTemplate() {
        String token = token();
        String documentId = AkepaApi.newDocument(token, "passport", "png");
        AkepaApi.upload(token, documentId, Documents.png(4)).statusCode(200);
        AkepaApi.upload(token, Api.unknownDocumentId(), Documents.png(5)).statusCode(400);
        String akepaUpload = "POST /akepa/document/upload/{documentId}";

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("sandbox_uploads_total{endpoint=\"" + akepaUpload + "\",outcome=\"stored\"}"))
                .body(containsString("sandbox_uploads_total{endpoint=\"" + akepaUpload + "\",outcome=\"documentNotFound\"}"))
                .body(containsString("sandbox_upload_duration_seconds_bucket{endpoint=\"" + akepaUpload + "\""));
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
