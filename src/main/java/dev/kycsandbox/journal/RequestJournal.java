package dev.kycsandbox.journal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import jakarta.inject.Singleton;

/**
 * The last {@code sandbox.journal.size} requests to connectFi's API, in memory: a ring that
 * overwrites its oldest entry, so its cost is bounded however long the sandbox runs. Each entry
 * gets a sequence number, so that a live view asks only for what is newer than it has.
 */
@Singleton
public class RequestJournal {

    private final JournalEntry[] ring;
    private long next = 1;
    /** Entries below this sequence number were cleared. */
    private long oldest = 1;

    public RequestJournal(JournalConfig config) {
        this.ring = new JournalEntry[Math.max(0, config.size())];
    }

    public boolean enabled() {
        return ring.length > 0;
    }

    synchronized void add(JournalEntry entry) {
        if (enabled()) {
            long seq = next++;
            ring[(int) (seq % ring.length)] = entry.withSeq(seq);
        }
    }

    /** Up to {@code limit} entries that pass {@code filter}, newest first. */
    public synchronized List<JournalEntry> newestFirst(Predicate<JournalEntry> filter, int limit) {
        List<JournalEntry> found = new ArrayList<>();
        for (long seq = next - 1; seq >= Math.max(oldest, next - ring.length) && found.size() < limit; seq--) {
            JournalEntry entry = ring[(int) (seq % ring.length)];
            if (filter.test(entry)) {
                found.add(entry);
            }
        }
        return found;
    }

    public synchronized void clear() {
        Arrays.fill(ring, null);
        oldest = next;
    }
}
