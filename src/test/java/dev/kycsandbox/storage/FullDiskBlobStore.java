package dev.kycsandbox.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * The blob store on a disk that filled up, for machines where no small filesystem can be mounted
 * (DiskFullIT needs root): a test-only alternative, enabled by {@link FullDiskTest}'s profile
 * alone and absent from the packaged application. While {@link #fill} is on, writing a file fails
 * as the JDK reports ENOSPC.
 */
@Alternative
@Singleton
public class FullDiskBlobStore extends BlobStore {

    private volatile boolean full;

    public FullDiskBlobStore(StorageConfig config) {
        super(config);
    }

    void fill(boolean full) {
        this.full = full;
    }

    @Override
    public StoredBlob store(Path spooled) {
        failIfFull();
        return super.store(spooled);
    }

    @Override
    public StoredBlob copy(StoredBlob source) {
        failIfFull();
        return super.copy(source);
    }

    private void failIfFull() {
        if (full) {
            throw new UncheckedIOException("Cannot store the uploaded file", new IOException("No space left on device"));
        }
    }
}
