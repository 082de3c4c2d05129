package dev.kycsandbox.storage;

import java.nio.file.Path;

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
}
