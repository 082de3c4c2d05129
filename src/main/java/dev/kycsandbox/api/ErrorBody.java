package dev.kycsandbox.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** connectFi's error envelope: {@code {"requestId","code","context"?,"message"}}. */
@JsonPropertyOrder({ "requestId", "code", "context", "message" })
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection // also written by HttpLayerErrors, outside the REST layer
@Schema(name = OpenApiErrorContent.ERROR_SCHEMA, description = "connectFi's error envelope, the body of every error answer")
public record ErrorBody(
        @Schema(description = "32 lowercase hex characters, also sent as header `x-request-id`", required = true) String requestId,
        @Schema(description = "the error code, e.g. `customerNotFound` (docs/api.md §1)", required = true) String code,
        @Schema(description = "details of some codes: an object (the existing ids of `customerExists` and"
                + " `referenceExists`), or for `requestValidateError` an array of its failures") Object context,
        @Schema(description = "what went wrong, for people", required = true) String message) {

    static ErrorBody of(ApiException e, String requestId) {
        return new ErrorBody(requestId, e.errorCode().code(), e.context(), e.getMessage());
    }

    static ErrorBody of(ErrorCode code, String requestId) {
        return new ErrorBody(requestId, code.code(), null, code.message());
    }
}
