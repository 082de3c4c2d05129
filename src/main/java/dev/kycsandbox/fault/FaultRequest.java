package dev.kycsandbox.fault;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A fault rule as the admin API and the console create it. */
@Schema(description = "A fault rule: which requests, how often, and what happens to them")
public record FaultRequest(
        @Schema(description = "a route template, with or without its method, `*` at the end to match a prefix; none: every route",
                example = "POST /customer/kyc/upload/{customerId}/{documentId}")
        @Size(max = 200) @Pattern(regexp = "^[ -~]*$") String route,
        @Schema(description = "only this tenant's requests") @Size(max = 64) String tenantId,
        @Schema(description = "only requests naming this customer in their path, query or JSON body (customerId)") @Size(max = 36) String customerId,
        @Schema(description = "fire on the next this many matching requests (else every one, or by `probability`)")
        @Min(1) @Max(1_000_000) Integer times,
        @Schema(description = "fire on each matching request with this probability, 0 to 1")
        @DecimalMin("0.0") @DecimalMax("1.0") Double probability,
        @Schema(description = "`latency`, `error`, `reset` or `stall`", required = true)
        @NotNull @Pattern(regexp = "^(latency|error|reset|stall)$") String action,
        @Schema(description = "latency added first, in ms (any action)") @Min(0) @Max(600_000) Integer latencyMs,
        @Schema(description = "with `latencyMs`: a latency drawn uniformly between the two") @Min(0) @Max(600_000) Integer latencyMaxMs,
        @Schema(description = "for `error`: 500 (`internalError`, the default), 503 (`serviceUnavailable`) or 429 (`tooManyRequests`)")
        Integer status,
        @Schema(description = "for a 429 or 503: the `Retry-After` seconds, default 1") @Min(0) @Max(86_400) Integer retryAfterSeconds,
        @Schema(description = "for `error` and `reset`: the request runs and commits first, then fails") Boolean storedThenFailed,
        @Schema(description = "for `stall`: how long before the connection is closed, in ms; default `sandbox.faults.max-stall`")
        @Min(0) @Max(3_600_000) Integer stallMs) {
}
