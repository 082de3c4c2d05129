package dev.kycsandbox.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while uploads can succeed: the blob root exists, is writable, and keeps more free
 * space than the configured floor. (The database has its own readiness check.)
 */
@Readiness
@ApplicationScoped
public class StorageHealthCheck implements HealthCheck {

    private final BlobStore store;
    private final long minFreeSpace;

    public StorageHealthCheck(BlobStore store, StorageConfig config) {
        this.store = store;
        this.minFreeSpace = config.minFreeSpace().asLongValue();
    }

    @Override
    public HealthCheckResponse call() {
        Path blobs = store.blobsDirectory();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Document storage")
                .withData("root", blobs.getParent().toString());
        if (!Files.isDirectory(blobs) || !Files.isWritable(blobs)) {
            return response.down().withData("problem", "blob directory missing or not writable").build();
        }
        try {
            long free = Files.getFileStore(blobs).getUsableSpace();
            response.withData("freeBytes", free).withData("minFreeBytes", minFreeSpace);
            return free >= minFreeSpace ? response.up().build()
                    : response.down().withData("problem", "free space below the floor").build();
        } catch (IOException e) {
            return response.down().withData("problem", e.getMessage()).build();
        }
    }
}
