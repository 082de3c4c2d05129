package dev.kycsandbox.api;

import java.util.Optional;

/** The paths of the upload endpoints, the only ones that take {@code multipart/form-data}, and that type. */
public final class UploadRoutes {

    public static final String KYC_UPLOAD = "/customer/kyc/upload/";
    public static final String DOCUMENT_UPLOAD = "/document/upload/";
    public static final String AKEPA_DOCUMENT_UPLOAD = "/akepa/document/upload/";
    private static final String MULTIPART_FORM_DATA = "multipart/form-data";

    private UploadRoutes() {
    }

    /** Whether {@code contentType} is {@code multipart/form-data} (any parameters, any case). */
    public static boolean isMultipart(String contentType) {
        return contentType != null
                && contentType.regionMatches(true, 0, MULTIPART_FORM_DATA, 0, MULTIPART_FORM_DATA.length());
    }

    public static boolean isUpload(String path) {
        return templateOf(path).isPresent();
    }

    /** The route template of the upload endpoint {@code path} is meant for, as the metrics name it. */
    static Optional<String> templateOf(String path) {
        if (path != null && path.startsWith(KYC_UPLOAD)) {
            return Optional.of("POST /customer/kyc/upload/{customerId}/{documentId}");
        }
        if (path != null && path.startsWith(DOCUMENT_UPLOAD)) {
            return Optional.of("POST /document/upload/{documentId}");
        }
        if (path != null && path.startsWith(AKEPA_DOCUMENT_UPLOAD)) {
            return Optional.of("POST /akepa/document/upload/{documentId}");
        }
        return Optional.empty();
    }
}
