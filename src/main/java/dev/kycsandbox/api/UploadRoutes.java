package dev.kycsandbox.api;

/** The paths of the upload endpoints, the only ones that take {@code multipart/form-data}. */
public final class UploadRoutes {

    public static final String KYC_UPLOAD = "/customer/kyc/upload/";
    public static final String DOCUMENT_UPLOAD = "/document/upload/";

    private UploadRoutes() {
    }

    public static boolean isUpload(String path) {
        return path != null && (path.startsWith(KYC_UPLOAD) || path.startsWith(DOCUMENT_UPLOAD));
    }
}
