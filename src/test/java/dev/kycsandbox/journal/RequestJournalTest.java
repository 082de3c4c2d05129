package dev.kycsandbox.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class RequestJournalTest {

    @Test
    void shouldKeepTheLastEntriesNewestFirst() {
        RequestJournal journal = new RequestJournal(config(3));
        for (int i = 1; i <= 5; i++) {
            journal.add(entry("/customer/status/c" + i, i == 4 ? 503 : 200));
        }
        List<JournalEntry> kept = journal.newestFirst(e -> true, 10);
        assertEquals(List.of("/customer/status/c5", "/customer/status/c4", "/customer/status/c3"),
                kept.stream().map(JournalEntry::path).toList());
        assertEquals(List.of(5L, 4L, 3L), kept.stream().map(JournalEntry::seq).toList());
        assertEquals(1, journal.newestFirst(e -> true, 1).size());
        assertEquals(List.of(4L), JournalQuery.parse(null, null, "5xx", null, null).run(journal).stream()
                .map(JournalEntry::seq).toList());
        assertEquals(List.of(5L), JournalQuery.parse(null, null, null, null, "4").run(journal).stream()
                .map(JournalEntry::seq).toList());
    }

    @Test
    void shouldForgetEverythingOnClearAndNumberOn() {
        RequestJournal journal = new RequestJournal(config(4));
        journal.add(entry("/a", 200));
        journal.clear();
        assertTrue(journal.newestFirst(e -> true, 10).isEmpty());
        journal.add(entry("/b", 200));
        assertEquals(List.of(2L), journal.newestFirst(e -> true, 10).stream().map(JournalEntry::seq).toList());
    }

    @Test
    void shouldRecordNothingWhenSizeIsZero() {
        RequestJournal journal = new RequestJournal(config(0));
        assertFalse(journal.enabled());
        journal.add(entry("/a", 200));
        assertTrue(journal.newestFirst(e -> true, 10).isEmpty());
    }

    private static JournalEntry entry(String path, int status) {
        return new JournalEntry(0, "r", "2026-01-01T00:00:00.000Z", "GET", path, null, null, status, 1.0, null, null,
                null, List.of(), null, 0, false, null, List.of(), null, 0);
    }

    private static JournalConfig config(int size) {
        return new JournalConfig() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public int bodyLimit() {
                return 4096;
            }
        };
    }
}
