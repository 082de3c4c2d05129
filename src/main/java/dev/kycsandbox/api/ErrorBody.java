package dev.kycsandbox.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** connectFi's error envelope: {@code {"requestId","code","context"?,"message"}}. */
@JsonPropertyOrder({ "requestId", "code", "context", "message" })
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection // also written by HttpLayerErrors, outside the REST layer
public record ErrorBody(String requestId, String code, Object context, String message) {

    static ErrorBody of(ApiException e, String requestId) {
        return new ErrorBody(requestId, e.errorCode().code(), e.context(), e.getMessage());
    }

    static ErrorBody of(ErrorCode code, String requestId) {
        return new ErrorBody(requestId, code.code(), null, code.message());
    }
}
