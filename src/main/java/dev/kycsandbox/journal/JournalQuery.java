package dev.kycsandbox.journal;

import java.util.List;
import java.util.function.Predicate;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;

/**
 * A filter on the journal, as the admin API and the console take it: at most {@code limit}
 * entries, of one customer, with a status ({@code 503}) or a class of statuses ({@code 5xx}),
 * whose route contains a text, newer than sequence number {@code after}.
 */
public record JournalQuery(int limit, String customerId, String status, String route, long after) {

    public static final int DEFAULT_LIMIT = 100;

    /** Reads the query parameters as sent, refusing malformed ones with 400 {@code badRequest}. */
    public static JournalQuery parse(String limit, String customerId, String status, String route, String after) {
        int parsedLimit = limit == null || limit.isBlank() ? DEFAULT_LIMIT : positive("limit", limit);
        if (status != null && !status.isBlank() && !status.matches("^[0-9]{3}$|^[1-5]xx$")) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "Bad request. status must be a status code such as 503 or a class such as 5xx");
        }
        long parsedAfter = after == null || after.isBlank() ? 0 : positive("after", after);
        return new JournalQuery(parsedLimit, blankToNull(customerId), blankToNull(status), blankToNull(route), parsedAfter);
    }

    public List<JournalEntry> run(RequestJournal journal) {
        return journal.newestFirst(matcher(), limit);
    }

    private Predicate<JournalEntry> matcher() {
        return entry -> entry.seq() > after
                && (customerId == null || customerId.equals(entry.customerId()))
                && (status == null || statusMatches(entry.status()))
                && (route == null || (entry.route() != null ? entry.route() : entry.path()).contains(route));
    }

    private boolean statusMatches(int actual) {
        String text = Integer.toString(actual);
        return status.endsWith("xx") ? text.length() == 3 && text.charAt(0) == status.charAt(0) : text.equals(status);
    }

    private static int positive(String name, String value) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(ErrorCode.BAD_REQUEST, "Bad request. " + name + " must be a number from 0 to " + Integer.MAX_VALUE);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
