package dev.kycsandbox.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The one switch between crash-safe and fast storage: files and database commits alike. */
@ConfigMapping(prefix = "sandbox")
public interface DurabilityConfig {

    /** {@code durable} (the default) or {@code relaxed} ({@code SANDBOX_DURABILITY}). */
    @WithDefault("durable")
    Durability durability();
}
