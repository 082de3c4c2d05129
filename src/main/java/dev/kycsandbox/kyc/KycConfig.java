package dev.kycsandbox.kyc;

import java.time.Duration;

import org.eclipse.microprofile.config.spi.Converter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sandbox.kyc")
public interface KycConfig {

    /**
     * How long after reaching IN_REVIEW the outcome rules decide a session
     * ({@code SANDBOX_KYC_AUTO_DECISION_DELAY}). {@code 0s}: at the scheduler's next tick, so the
     * response of the request that completed the session still says IN_REVIEW.
     */
    @WithDefault("0s")
    Duration autoDecisionDelay();

    /** How often the scheduler looks for sessions whose decision is due ({@code SANDBOX_KYC_DECISION_POLL_INTERVAL}). */
    @WithDefault("1s")
    Duration decisionPollInterval();

    /** The mode of tenants that chose none ({@code SANDBOX_KYC_DEFAULT_MODE}), by its wire name. */
    @WithDefault("licenseUSACondor")
    @WithConverter(WireNameConverter.class)
    KycMode defaultMode();

    /** Reads a mode by its wire name ({@code passportCondor}), refusing the start-up on an unknown one. */
    class WireNameConverter implements Converter<KycMode> {
        @Override
        public KycMode convert(String value) {
            return KycMode.fromWireName(value.trim()).orElseThrow(() -> new IllegalArgumentException(
                    "Unknown KYC mode '" + value + "'; expected one of " + KycMode.wireNames()));
        }
    }
}
