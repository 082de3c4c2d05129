package dev.kycsandbox.fault;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import dev.kycsandbox.api.ApiCall;
import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.api.HttpLayerErrors;
import dev.kycsandbox.api.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * The fault rules in force, in memory (a restart clears them), in the order they were created:
 * the first rule that matches a request and fires is the one applied. The admin API and the
 * console both go through here.
 */
@Singleton
public class FaultRules {

    static final String ID_PREFIX = "flt";
    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
    /** Whether a rule names a customer: asked on every request, so kept up to date on each change, not searched. */
    private volatile boolean namesACustomer;
    private final MeterRegistry registry;

    public FaultRules(MeterRegistry registry) {
        this.registry = registry;
    }

    void register(@Observes Filters filters) {
        // with the journal's capture (995), before the HTTP layer reads or streams the body
        filters.register(this::keepBodyWhereACustomerIsMatched, 994);
    }

    /** A rule naming a customer must find it in a JSON body too ({@code /customer/kyc/init}), so the body is read first. */
    private void keepBodyWhereACustomerIsMatched(RoutingContext rc) {
        if (namesACustomer() && ApiCall.isConnectFi(rc.normalizedPath())) {
            HttpLayerErrors.readBodyIntoMemory(rc);
        }
        rc.next();
    }

    public FaultView create(FaultRequest request) {
        if (request.status() != null && request.status() != 500 && request.status() != 503 && request.status() != 429) {
            throw invalid("status must be 500, 503 or 429");
        }
        if (request.status() != null && !"error".equals(request.action())) {
            throw invalid("status is for the action error");
        }
        if (Boolean.TRUE.equals(request.storedThenFailed()) && !"error".equals(request.action())
                && !"reset".equals(request.action())) {
            throw invalid("storedThenFailed is for the actions error and reset");
        }
        if ("latency".equals(request.action()) && request.latencyMs() == null) {
            throw invalid("the action latency needs latencyMs");
        }
        if (request.latencyMaxMs() != null && (request.latencyMs() == null || request.latencyMaxMs() < request.latencyMs())) {
            throw invalid("latencyMaxMs needs a latencyMs no greater than it");
        }
        if (request.stallMs() != null && !"stall".equals(request.action())) {
            throw invalid("stallMs is for the action stall");
        }
        FaultRule rule = new FaultRule(Ids.newId(ID_PREFIX), request, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        rules.add(rule);
        rulesChanged();
        return FaultView.of(rule);
    }

    public List<FaultView> list() {
        return rules.stream().map(FaultView::of).toList();
    }

    /** Deletes rule {@code id}; whether it existed. */
    public boolean delete(String id) {
        boolean deleted = rules.removeIf(rule -> rule.id.equals(id));
        rulesChanged();
        return deleted;
    }

    public void reset() {
        rules.clear();
        rulesChanged();
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    boolean namesACustomer() {
        return namesACustomer;
    }

    /** Synchronized: the last call to run sees the list after every change made before it. */
    private synchronized void rulesChanged() {
        namesACustomer = rules.stream().anyMatch(rule -> rule.customerId != null);
    }

    /** The rule that fires on {@code call}, counted as injected. */
    Optional<FaultRule> fire(ApiCall call) {
        for (FaultRule rule : rules) {
            if (rule.matches(call) && rule.fire()) {
                Counter.builder("sandbox.faults.injected").description("Faults injected, by rule and action")
                        .tag("rule", rule.id).tag("action", rule.action.wireName())
                        .register(registry).increment();
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    private static ApiException invalid(String why) {
        return new ApiException(ErrorCode.BAD_REQUEST, "Bad request. " + why);
    }
}
