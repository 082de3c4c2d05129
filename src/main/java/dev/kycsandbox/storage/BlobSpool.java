package dev.kycsandbox.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An upload being written to its spool file as its bytes arrive, hashed on the way, so that the
 * file is never read back. Writes are gathered into one buffer per spool: a body arrives in
 * chunks of a few KiB, a write call per chunk would cost more than the copy.
 *
 * <p>Not thread-safe: the HTTP layer writes it from the connection's event loop, then hands it
 * over once (to {@link BlobStore#check}); {@link #discard} may come from anywhere, any number of times.
 */
public final class BlobSpool {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path file;
    private final FileChannel channel;
    private final long maxSize;
    private final MessageDigest digest = BlobStore.sha256();
    private final byte[] head = new byte[FileType.HEAD_LENGTH];
    private final ByteBuffer pending = ByteBuffer.allocate(BUFFER_SIZE);
    private final AtomicBoolean closed = new AtomicBoolean();
    private long size;

    BlobSpool(Path file, FileChannel channel, long maxSize) {
        this.file = file;
        this.channel = channel;
        this.maxSize = maxSize;
    }

    /**
     * Appends {@code length} bytes. Past the size limit nothing more is written: the spool is then
     * {@link #oversized()} and only worth discarding.
     */
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0 || oversized()) {
            return;
        }
        if (size < head.length) {
            System.arraycopy(bytes, offset, head, (int) size, (int) Math.min(length, head.length - size));
        }
        size += length;
        if (oversized()) {
            return;
        }
        digest.update(bytes, offset, length);
        while (length > 0) {
            int room = Math.min(length, pending.remaining());
            pending.put(bytes, offset, room);
            offset += room;
            length -= room;
            if (!pending.hasRemaining()) {
                flush();
            }
        }
    }

    /** Whether more bytes came than a document may have. */
    public boolean oversized() {
        return size > maxSize;
    }

    /** Deletes the spool file unless it was moved into place; safe to call again, from any thread. */
    public void discard() {
        close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a spool left behind is removed by the storage sweep
        }
    }

    Path file() {
        return file;
    }

    long size() {
        return size;
    }

    byte[] head() {
        return head;
    }

    /** Writes what is buffered, forces it to disk if asked, closes the file and returns its SHA-256. */
    String finish(boolean force) throws IOException {
        try {
            flush();
            if (force) {
                channel.force(true);
            }
        } finally {
            close();
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void flush() throws IOException {
        pending.flip();
        while (pending.hasRemaining()) {
            channel.write(pending);
        }
        pending.clear();
    }

    private void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was promised about this file yet
            }
        }
    }
}
