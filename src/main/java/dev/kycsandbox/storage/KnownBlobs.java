package dev.kycsandbox.storage;

import java.util.Collection;
import java.util.Set;

/**
 * Implemented by each feature whose rows point at blobs, so that the start-up sweep can tell an
 * orphan (a file a crash left without its row) from a stored document without knowing the tables.
 */
public interface KnownBlobs {

    /** Which of {@code blobIds} a committed row references. */
    Set<String> referencedAmong(Collection<String> blobIds);
}
