package dev.kycsandbox.api;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sandbox.http")
public interface HttpConfig {

    /**
     * How long a client may take to send a whole request body ({@code SANDBOX_HTTP_BODY_TIMEOUT}).
     * {@code quarkus.http.idle-timeout} only cuts off a client that goes silent; this one also
     * cuts off a client that trickles a byte now and then. The default lets a 10 MiB upload
     * through at about 35 KB/s.
     */
    @WithDefault("5m")
    Duration bodyTimeout();
}
