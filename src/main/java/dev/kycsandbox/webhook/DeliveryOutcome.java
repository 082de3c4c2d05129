package dev.kycsandbox.webhook;

/**
 * What one attempt came to: the receiver's status code, or the error that prevented one
 * (refused, timed out, …). {@code permanent}: retrying cannot help (the URL cannot be used).
 */
public record DeliveryOutcome(Integer statusCode, String error, long durationMs, boolean permanent) {

    static final int MAX_ERROR_LENGTH = 500;

    static DeliveryOutcome answered(int statusCode, long durationMs) {
        return new DeliveryOutcome(statusCode, null, durationMs, false);
    }

    static DeliveryOutcome failed(String error, long durationMs) {
        return new DeliveryOutcome(null, truncate(error), durationMs, false);
    }

    static DeliveryOutcome unusable(String error) {
        return new DeliveryOutcome(null, truncate(error), 0, true);
    }

    /** Only a 2xx answer counts as delivered; redirects are not followed. */
    public boolean delivered() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
