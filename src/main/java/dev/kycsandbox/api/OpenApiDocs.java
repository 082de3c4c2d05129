package dev.kycsandbox.api;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the OpenAPI annotations of the resources share: the names of the two security schemes,
 * the tags, and the descriptions of the error responses that recur. Each error response names
 * its error code(s) as listed in {@code docs/api.md} §1; {@link OpenApiErrorContent} gives every
 * error response the {@link ErrorBody} schema, so the annotations only say status and codes.
 */
public final class OpenApiDocs {

    /** Security scheme of connectFi's endpoints: header {@code x-connectfi-token}. */
    public static final String CONNECTFI_TOKEN = "connectFiToken";
    /** Security scheme of the admin API under {@code /sandbox}: header {@code x-sandbox-admin-token}. */
    public static final String ADMIN_TOKEN = "sandboxAdminToken";

    public static final String TAG_AUTH = "Authentication";
    public static final String TAG_CUSTOMER = "Customers";
    public static final String TAG_KYC = "KYC (deprecated)";
    public static final String TAG_DOCUMENT = "Separate documents (deprecated)";
    public static final String TAG_AKEPA = "Akepa";
    public static final String TAG_ADMIN = "Sandbox admin";
    public static final String TAG_TENANTS = "Sandbox admin: tenants";
    public static final String TAG_WEBHOOKS = "Sandbox admin: webhooks";
    public static final String TAG_JOURNAL = "Sandbox admin: request journal and faults";

    public static final String UNAUTHORIZED = "`unauthorized`: the `x-connectfi-token` is missing, unknown or expired";
    public static final String ADMIN_UNAUTHORIZED = "`unauthorized`: the `x-sandbox-admin-token` is missing or wrong";
    public static final String PAYLOAD_TOO_LARGE = "`payloadTooLarge`: the body is over `sandbox.storage.max-file-size`"
            + " (default 10 MiB), by its Content-Length or, chunked, on the way (the connection is then closed)";
    public static final String INSUFFICIENT_STORAGE = "`insufficientStorage`: the document root ran out of space while"
            + " the file was written; nothing was stored, the slot or document keeps its previous file; retry later";
    public static final String CUSTOMER_NOT_FOUND = "`customerNotFound`: no customer with that id in the token's tenant";
    public static final String KYC_NOT_FOUND = "`kycNotFound`: KYC was never started for the customer";
    public static final String KYC_COMPLETED = "`kycCompleted`: the session is already APPROVED or REJECTED";
    public static final String APPLICATION_NOT_FOUND = "`applicationNotFound`: no such application in the token's"
            + " tenant, or the customer never started one";
    public static final String APPLICATION_COMPLETED = "`applicationCompleted`: the application is already completed";
    public static final String TENANT_NOT_FOUND = "`tenantNotFound`: no tenant with that id";
    /** A JSON body: it fails its schema, or it is no JSON at all. */
    public static final String INVALID_JSON = "`requestValidateError` (the body fails its schema; `context` lists"
            + " the failures), `badRequest` (malformed JSON, or a body not sent as `application/json`)";
    /** A multipart upload refused before any id is looked at. */
    public static final String INVALID_FILE = "`badRequest`: not multipart, no file part (`Bad request. File not found`),"
            + " more than one file, an empty file or an unsupported type";

    private OpenApiDocs() {
    }

    /** The request body of both uploads: one file part; the sandbox takes it under any field name. */
    @Schema(name = "FileUpload", description = "One file part (field `file` by convention; any single file part"
            + " is accepted). The type is read from the content: PNG, JPEG, PDF, HEIC, TIFF, WebP, DOC or DOCX.")
    public static final class FileUpload {

        @Schema(type = SchemaType.STRING, format = "binary", required = true)
        public String file;

        private FileUpload() {
        }
    }
}
