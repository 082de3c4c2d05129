package dev.kycsandbox.journal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One request to connectFi's API as the journal keeps it. Secrets never reach it: credential
 * headers and JSON fields named like passwords or tokens are redacted, and of an uploaded file
 * only its size and SHA-256 are kept. {@code status} 0: the connection was closed with no answer.
 * {@code responseBody}: the body of an error answer (connectFi's envelope: code and message, what
 * an integrator needs to see why a call failed); a successful answer's body is not kept.
 */
@JsonPropertyOrder({ "seq", "requestId", "startedAt", "method", "path", "query", "route", "status", "durationMs",
        "tenantId", "customerId", "fault", "requestHeaders", "requestBody", "requestBodySize", "requestBodyTruncated",
        "file", "responseHeaders", "responseBody", "responseBodySize" })
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record JournalEntry(long seq, String requestId, String startedAt, String method, String path, String query,
        String route, int status, double durationMs, String tenantId, String customerId, String fault,
        List<Header> requestHeaders, String requestBody, long requestBodySize, boolean requestBodyTruncated,
        UploadedFile file, List<Header> responseHeaders, String responseBody, long responseBodySize) {

    @RegisterForReflection
    public record Header(String name, String value) {
    }

    /** What the journal keeps of an uploaded file instead of its bytes. */
    @RegisterForReflection
    public record UploadedFile(long size, String sha256, String type) {
    }

    JournalEntry withSeq(long value) {
        return new JournalEntry(value, requestId, startedAt, method, path, query, route, status, durationMs, tenantId,
                customerId, fault, requestHeaders, requestBody, requestBodySize, requestBodyTruncated, file,
                responseHeaders, responseBody, responseBodySize);
    }
}
