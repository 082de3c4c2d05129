package dev.kycsandbox.fault;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.kycsandbox.api.Timestamps;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A fault rule as the admin API lists it, with how often it fired. */
@JsonPropertyOrder({ "id", "route", "tenantId", "customerId", "times", "remaining", "probability", "action", "latencyMs",
        "latencyMaxMs", "status", "retryAfterSeconds", "storedThenFailed", "stallMs", "injected", "createdAt" })
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record FaultView(String id, String route, String tenantId, String customerId, Integer times, Integer remaining,
        Double probability, String action, Integer latencyMs, Integer latencyMaxMs, Integer status,
        Integer retryAfterSeconds, boolean storedThenFailed, Integer stallMs, long injected, String createdAt) {

    static FaultView of(FaultRule rule) {
        boolean error = rule.action == FaultAction.ERROR;
        return new FaultView(rule.id, rule.route, rule.tenantId, rule.customerId, rule.times, rule.remaining(),
                rule.probability, rule.action.wireName(), rule.latencyMs, rule.latencyMaxMs, error ? rule.status : null,
                error && rule.status != 500 ? rule.retryAfterSeconds : null, rule.storedThenFailed, rule.stallMs,
                rule.injected(), Timestamps.format(rule.createdAt));
    }
}
