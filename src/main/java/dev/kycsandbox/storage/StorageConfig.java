package dev.kycsandbox.storage;

import java.nio.file.Path;
import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sandbox.storage")
public interface StorageConfig {

    /** Where blobs live ({@code SANDBOX_STORAGE_ROOT}); relative paths are resolved against the working directory. */
    Path root();

    /** The largest accepted document ({@code SANDBOX_STORAGE_MAX_FILE_SIZE}); bigger uploads get 413. */
    @WithDefault("10M")
    MemorySize maxFileSize();

    /** Readiness goes down below this much free space on the blob root ({@code SANDBOX_STORAGE_MIN_FREE_SPACE}). */
    @WithDefault("64M")
    MemorySize minFreeSpace();

    /**
     * The sweep removes leftovers (spooled uploads, temp files, blobs no row points at) only once
     * they are this old ({@code SANDBOX_STORAGE_SWEEP_GRACE}): instances sharing a blob root must
     * not delete each other's uploads in flight, whose files are younger. {@code 0s} is safe for a
     * single instance only.
     */
    @WithDefault("5m")
    Duration sweepGrace();

    /** How often the sweep runs after the start-up one ({@code SANDBOX_STORAGE_SWEEP_INTERVAL}, default in application.properties). */
    Duration sweepInterval();
}
