package dev.kycsandbox.storage;

import java.io.IOException;
import java.io.UncheckedIOException;

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

    public FullDiskBlobStore(StorageConfig config, DurabilityConfig durability) {
        super(config, durability);
    }

    void fill(boolean full) {
        this.full = full;
    }

    @Override
    public StoredBlob store(Checked upload, String shard) {
        failIfFull();
        return super.store(upload, shard);
    }

    @Override
    public StoredBlob copy(StoredBlob source, String shard) {
        failIfFull();
        return super.copy(source, shard);
    }

    private void failIfFull() {
        if (full) {
            throw new UncheckedIOException("Cannot store the uploaded file", new IOException("No space left on device"));
        }
    }
}
