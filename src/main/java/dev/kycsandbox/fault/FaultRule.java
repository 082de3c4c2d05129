package dev.kycsandbox.fault;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.kycsandbox.api.ApiCall;

/**
 * One fault rule: which requests it matches (a route, optionally a tenant and a customer), how
 * often it fires (the next {@code times} of them, or each with a probability, or every one), and
 * what it does (latency, then an {@link FaultAction}). With {@code storedThenFailed}, the request
 * runs to its end and commits whatever it stores, and only then is its answer replaced by the
 * error or the reset: the ambiguous failure retry logic must survive.
 */
final class FaultRule {

    final String id;
    final String route;
    final String tenantId;
    final String customerId;
    final Integer times;
    final Double probability;
    final FaultAction action;
    final Integer latencyMs;
    final Integer latencyMaxMs;
    final int status;
    final int retryAfterSeconds;
    final boolean storedThenFailed;
    final Integer stallMs;
    final Instant createdAt;
    private final AtomicInteger remaining;
    private final AtomicLong injected = new AtomicLong();

    FaultRule(String id, FaultRequest request, Instant createdAt) {
        this.id = id;
        this.route = request.route();
        this.tenantId = request.tenantId();
        this.customerId = request.customerId();
        this.times = request.times();
        this.probability = request.probability();
        this.action = FaultAction.fromWireName(request.action()).orElseThrow();
        this.latencyMs = request.latencyMs();
        this.latencyMaxMs = request.latencyMaxMs();
        this.status = request.status() == null ? 500 : request.status();
        this.retryAfterSeconds = request.retryAfterSeconds() == null ? 1 : request.retryAfterSeconds();
        this.storedThenFailed = Boolean.TRUE.equals(request.storedThenFailed());
        this.stallMs = request.stallMs();
        this.createdAt = createdAt;
        this.remaining = times == null ? null : new AtomicInteger(times);
    }

    boolean matches(ApiCall call) {
        return routeMatches(call.route())
                && (tenantId == null || tenantId.equals(call.tenantId()))
                && (customerId == null || customerId.equals(call.customerId()));
    }

    /** Whether the rule fires on this matching request: takes one of its {@code times}, or draws its probability. */
    boolean fire() {
        if (probability != null && ThreadLocalRandom.current().nextDouble() >= probability) {
            return false;
        }
        if (remaining != null && remaining.getAndUpdate(left -> Math.max(0, left - 1)) == 0) {
            return false;
        }
        injected.incrementAndGet();
        return true;
    }

    /** The latency to add before acting: fixed, or drawn uniformly from {@code latencyMs} to {@code latencyMaxMs}. */
    Duration latency() {
        if (latencyMs == null) {
            return Duration.ZERO;
        }
        if (latencyMaxMs == null || latencyMaxMs <= latencyMs) {
            return Duration.ofMillis(latencyMs);
        }
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(latencyMs, latencyMaxMs + 1L));
    }

    Integer remaining() {
        return remaining == null ? null : remaining.get();
    }

    long injected() {
        return injected.get();
    }

    /**
     * A route template ({@code POST /customer/kyc/upload/{customerId}/{documentId}}), the same
     * without its method ({@code /customer/kyc/upload/{customerId}/{documentId}}), either ending in
     * {@code *} to match by prefix, or none for every route.
     */
    private boolean routeMatches(String actual) {
        if (route == null) {
            return true;
        }
        if (actual == null) {
            return false;
        }
        String candidate = route.startsWith("/") ? actual.substring(actual.indexOf(' ') + 1) : actual;
        return route.endsWith("*") ? candidate.startsWith(route.substring(0, route.length() - 1)) : candidate.equals(route);
    }
}
