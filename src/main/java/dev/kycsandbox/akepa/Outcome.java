package dev.kycsandbox.akepa;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a completed application ended, as connectFi spells it: {@code Approved}/{@code Denied} on
 * the application, lower case on its entities.
 */
public enum Outcome {
    APPROVED("Approved"),
    DENIED("Denied");

    private final String wireName;

    Outcome(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public String entityWireName() {
        return wireName.toLowerCase(Locale.ROOT);
    }

    /** The outcome an admin decision names ({@code Approved} or {@code Denied}). */
    public static Optional<Outcome> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(o -> o.wireName.equals(wireName)).findFirst();
    }
}
