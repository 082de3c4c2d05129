package dev.kycsandbox.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * connectFi's success envelope: {@code {"code":"0","data":{...},"requestId":"..."}}.
 * Resources return {@code Envelope.of(data)}; {@link RequestIdFilter} stamps the request id.
 */
@JsonPropertyOrder({ "code", "data", "requestId" })
public record Envelope<T>(String code, T data, String requestId) {

    public static <T> Envelope<T> of(T data) {
        return new Envelope<>("0", data, null);
    }

    Envelope<T> withRequestId(String id) {
        return new Envelope<>(code, data, id);
    }
}
