package dev.kycsandbox.fault;

import java.util.Locale;
import java.util.Optional;

/** What a fault rule does to a request it fires on, after any latency it adds. */
public enum FaultAction {
    /** Only the latency: the request then runs as usual. */
    LATENCY,
    /** An error answer in the envelope: 500 {@code internalError}, 503 {@code serviceUnavailable} or 429 {@code tooManyRequests}. */
    ERROR,
    /** The connection is closed with no answer (an HTTP/2 stream is reset). */
    RESET,
    /** No answer at all, until the client gives up (or the server's idle timeout closes the connection). */
    STALL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<FaultAction> fromWireName(String name) {
        for (FaultAction action : values()) {
            if (action.wireName().equals(name)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
