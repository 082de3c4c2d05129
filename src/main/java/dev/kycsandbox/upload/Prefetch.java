package dev.kycsandbox.upload;

import java.util.List;

/**
 * What the writes of one kind read, loaded for a whole batch in one go before they run: one
 * round trip to the database for the batch instead of one per write. Runs inside the batch's
 * transaction; a write still works when its row was not prefetched (a write run on its own).
 */
@FunctionalInterface
public interface Prefetch {

    /** Nothing to load ahead. */
    Prefetch NONE = keys -> {
    };

    /** Loads (and locks, where the writes would) the rows of {@code keys}, the keys of the batch's writes. */
    void load(List<String> keys);
}
