package dev.kycsandbox.api;

/**
 * Every error code the sandbox answers with, its HTTP status and default message.
 * connectFi answers business and validation errors with 400, "not found" included; only
 * authentication is 401. The HTTP-layer and resource codes (404, 405, 413, 503, 507) are the sandbox's own.
 */
public enum ErrorCode {
    UNAUTHORIZED("unauthorized", 401, "Authentication error"),
    REQUEST_VALIDATE_ERROR("requestValidateError", 400, "Request validation failed"),
    BAD_REQUEST("badRequest", 400, "Bad request"),
    FILE_NOT_FOUND("badRequest", 400, "Bad request. File not found"),
    DOCUMENT_NOT_FOUND("documentNotFound", 400, "Document Not Found"),
    /** The heading connectFi documents for {@code /document/upload} with an id it never generated. */
    SEPARATE_DOCUMENT_NOT_FOUND("documentNotFound", 400, "Separate document not found"),
    CUSTOMER_NOT_FOUND("customerNotFound", 400, "Customer Not Found"),
    KYC_NOT_FOUND("kycNotFound", 400, "KYC was not initialised for this customer"),
    KYC_COMPLETED("kycCompleted", 400, "KYC process has already been completed"),
    /** Akepa: no application with that id in the token's tenant, or the customer never started one. */
    APPLICATION_NOT_FOUND("applicationNotFound", 400, "Application Not Found"),
    /** Akepa: the application is completed, so its documents can no longer change. */
    APPLICATION_COMPLETED("applicationCompleted", 400, "Application has already been completed"),
    CUSTOMER_EXISTS("customerExists", 400, "Customer exists."),
    REFERENCE_EXISTS("referenceExists", 400, "Reference already exists."),
    // the admin API's own: an unknown id there is 404, since no connectFi client sees it
    TENANT_NOT_FOUND("tenantNotFound", 404, "Tenant Not Found"),
    TENANT_EXISTS("tenantExists", 400, "Tenant already exists."),
    USER_NOT_FOUND("userNotFound", 404, "User Not Found"),
    LOGIN_EXISTS("loginExists", 400, "Login already exists."),
    FAULT_NOT_FOUND("faultNotFound", 404, "Fault rule Not Found"),
    WEBHOOK_NOT_FOUND("webhookNotFound", 404, "Webhook Not Found"),
    /** A console form without the CSRF token of the browser's session: not sent by the console itself. */
    CSRF_REJECTED("forbidden", 403, "Forbidden: the form was not sent by this console session"),
    ROUTE_NOT_FOUND("notFound", 404, "Route not found"),
    METHOD_NOT_ALLOWED("methodNotAllowed", 405, "Method not allowed"),
    PAYLOAD_TOO_LARGE("payloadTooLarge", 413, "Payload too large"),
    /** A client that did not send its whole request body within {@code sandbox.http.body-timeout}. */
    REQUEST_TIMEOUT("requestTimeout", 408, "Request body not received in time"),
    /** Too many failed logins for one login or from one address (see LoginThrottle). */
    TOO_MANY_REQUESTS("tooManyRequests", 429, "Too many failed login attempts. Try again later"),
    INTERNAL_ERROR("internalError", 500, "Internal error"),
    /** A request that arrived while the sandbox is shutting down. */
    SERVICE_UNAVAILABLE("serviceUnavailable", 503, "Service is shutting down"),
    /** The database cannot be reached (down, restarting, unreachable): retry later. */
    DATABASE_UNAVAILABLE("serviceUnavailable", 503, "Service unavailable: the database cannot be reached"),
    /** The document root ran out of space while an upload was written: nothing was stored. */
    STORAGE_FULL("insufficientStorage", 507, "Insufficient storage: the document could not be stored");

    private final String code;
    private final int status;
    private final String message;

    ErrorCode(String code, int status, String message) {
        this.code = code;
        this.status = status;
        this.message = message;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String message() {
        return message;
    }
}
