package dev.kycsandbox.kyc;

import java.util.List;

/**
 * The sandbox's outcome rule, shared by the legacy KYC sessions and the Akepa applications (like a
 * vendor sandbox, by the last names given at {@code /customer/init}: the individual's, or a
 * business's representatives'): {@code WaitReview} waits for an admin decision; a last name
 * starting with {@code Reject} is rejected; otherwise approved. Case-sensitive; {@code WaitReview}
 * wins over {@code Reject…}.
 */
public enum OutcomeRule {
    WAIT_FOR_ADMIN,
    REJECT,
    APPROVE;

    /** The last name that keeps a session in review until an admin decides (as in connectFi's sandbox). */
    public static final String WAIT_REVIEW = "WaitReview";
    /** Last names starting so are rejected. */
    public static final String REJECT_PREFIX = "Reject";

    /** The rule's answer for a customer with {@code lastNames} (null: none given). */
    public static OutcomeRule forLastNames(List<String> lastNames) {
        List<String> names = lastNames == null ? List.of() : lastNames;
        if (names.contains(WAIT_REVIEW)) {
            return WAIT_FOR_ADMIN;
        }
        if (names.stream().anyMatch(name -> name != null && name.startsWith(REJECT_PREFIX))) {
            return REJECT;
        }
        return APPROVE;
    }
}
