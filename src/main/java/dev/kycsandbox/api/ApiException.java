package dev.kycsandbox.api;

/**
 * A client-visible failure: carries the wire code, status, message and optional context.
 * Thrown anywhere below a resource; {@link ErrorMappers} turns it into the error envelope.
 * No stack trace is captured: these are expected outcomes, not bugs, and some are hot paths.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode errorCode;
    private final int status;
    private final Object context;

    public ApiException(ErrorCode errorCode) {
        this(errorCode, errorCode.message(), null, errorCode.status());
    }

    public ApiException(ErrorCode errorCode, String message) {
        this(errorCode, message, null, errorCode.status());
    }

    private ApiException(ErrorCode errorCode, String message, Object context, int status) {
        super(message, null, false, false);
        this.errorCode = errorCode;
        this.status = status;
        this.context = context;
    }

    public static ApiException withContext(ErrorCode errorCode, Object context) {
        return new ApiException(errorCode, errorCode.message(), context, errorCode.status());
    }

    /** The same error answered with another HTTP status (the admin API uses 404 for unknown ids). */
    public ApiException withStatus(int otherStatus) {
        return new ApiException(errorCode, getMessage(), context, otherStatus);
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public int status() {
        return status;
    }

    public Object context() {
        return context;
    }
}
