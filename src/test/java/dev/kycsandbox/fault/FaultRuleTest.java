package dev.kycsandbox.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.kycsandbox.api.ApiCall;

class FaultRuleTest {

    static final ApiCall UPLOAD = new ApiCall("POST /customer/kyc/upload/{customerId}/{documentId}", "sandbox", "cstap_a");

    @Test
    void shouldMatchARouteWithOrWithoutItsMethodOrByPrefix() {
        assertTrue(rule("POST /customer/kyc/upload/{customerId}/{documentId}", null, null).matches(UPLOAD));
        assertTrue(rule("/customer/kyc/upload/{customerId}/{documentId}", null, null).matches(UPLOAD));
        assertTrue(rule("/customer/kyc/*", null, null).matches(UPLOAD));
        assertTrue(rule("POST /customer/*", null, null).matches(UPLOAD));
        assertTrue(rule(null, null, null).matches(UPLOAD));
        assertFalse(rule("GET /customer/kyc/*", null, null).matches(UPLOAD));
        assertFalse(rule("/customer/kyc/upload", null, null).matches(UPLOAD));
        assertFalse(rule("/document/*", null, null).matches(UPLOAD));
        assertFalse(rule("/customer/*", null, null).matches(new ApiCall(null, null, null)), "no route matched");
    }

    @Test
    void shouldMatchTenantAndCustomer() {
        assertTrue(rule(null, "sandbox", "cstap_a").matches(UPLOAD));
        assertFalse(rule(null, "other", null).matches(UPLOAD));
        assertFalse(rule(null, null, "cstap_b").matches(UPLOAD));
        assertFalse(rule(null, "sandbox", null).matches(new ApiCall("POST /auth/get-token", null, null)));
    }

    @Test
    void shouldFireOnTheNextTimesOnly() {
        FaultRule rule = new FaultRule("flt_t", request(null, null, null, 2, null, 5, null), Instant.now());
        assertTrue(rule.fire());
        assertTrue(rule.fire());
        assertFalse(rule.fire());
        assertEquals(0, rule.remaining());
        assertEquals(2, rule.injected());
        assertEquals(Duration.ofMillis(5), rule.latency());
    }

    @Test
    void shouldDrawLatencyWithinItsBounds() {
        FaultRule rule = new FaultRule("flt_l", request(null, null, null, null, 0.0, 10, 20), Instant.now());
        for (int i = 0; i < 100; i++) {
            long ms = rule.latency().toMillis();
            assertTrue(ms >= 10 && ms <= 20, ms + " ms");
        }
        assertFalse(rule.fire(), "probability 0");
    }

    private static FaultRule rule(String route, String tenant, String customer) {
        return new FaultRule("flt_x", request(route, tenant, customer, null, null, null, null), Instant.now());
    }

    private static FaultRequest request(String route, String tenant, String customer, Integer times, Double probability,
            Integer latencyMs, Integer latencyMaxMs) {
        return new FaultRequest(route, tenant, customer, times, probability, "latency", latencyMs, latencyMaxMs, null,
                null, null, null);
    }
}
