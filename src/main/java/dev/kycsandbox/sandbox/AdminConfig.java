package dev.kycsandbox.sandbox;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "sandbox.admin")
public interface AdminConfig {

    /** {@code SANDBOX_ADMIN_TOKEN}; when unset a random one is made and logged once at start-up. */
    Optional<String> token();
}
