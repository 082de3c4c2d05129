package dev.kycsandbox.fault;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sandbox.faults")
public interface FaultConfig {

    /**
     * How long a {@code stall} holds a request at most before closing its connection
     * ({@code SANDBOX_FAULTS_MAX_STALL}); the server's idle timeout ({@code quarkus.http.idle-timeout}) may close it first.
     */
    @WithDefault("5m")
    Duration maxStall();
}
