package dev.kycsandbox.kyc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** KYC status transitions, counted once their transaction committed. */
@ApplicationScoped
public class KycMetrics {

    private final MeterRegistry registry;

    public KycMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(@Observes(during = TransactionPhase.AFTER_SUCCESS) KycStatusChanged change) {
        Counter.builder("sandbox.kyc.status.transitions").description("KYC session status transitions")
                .tag("from", change.from().name()).tag("to", change.to().name())
                .register(registry).increment();
    }
}
