package dev.kycsandbox.console;

import java.util.Map;

/**
 * The messages a page shows after an action, by a fixed key carried in the redirect: the page
 * never echoes text from the query string.
 */
final class Notices {

    private static final Map<String, String> TEXTS = Map.of(
            "decided", "Decision recorded.",
            "kycCompleted", "Refused: the KYC session is already decided.",
            "kycNotFound", "Refused: this customer has no KYC session.",
            "applicationCompleted", "Refused: the Akepa application is already completed.",
            "applicationNotFound", "Refused: this customer has no Akepa application.",
            "customerNotFound", "Refused: no such customer.",
            "redelivering", "Webhook due again: its next attempt follows within seconds.",
            "faultCreated", "Fault rule created.",
            "faultRefused", "Refused: the fault rule's fields do not hold together (see docs/console.md).");

    private Notices() {
    }

    static String text(String key) {
        return key == null ? null : TEXTS.get(key);
    }
}
