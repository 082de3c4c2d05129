package dev.kycsandbox.storage;

/** A file made durable by {@link BlobStore}: its server-made id and what was learnt while storing it. */
public record StoredBlob(String id, long size, String sha256, FileType type) {
}
