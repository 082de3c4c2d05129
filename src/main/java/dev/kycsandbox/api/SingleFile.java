package dev.kycsandbox.api;

import java.nio.file.Path;
import java.util.List;

import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The one file of a connectFi upload ({@code multipart/form-data}, any form field): no file part
 * is connectFi's {@code Bad request. File not found}, more than one is refused too.
 */
public final class SingleFile {

    private SingleFile() {
    }

    /**
     * Where the HTTP layer spooled the request's only file. A part whose header the parser could
     * not read as a file's (a damaged {@code filename} parameter) was never spooled: it is no file.
     */
    public static Path of(List<FileUpload> parts) {
        List<FileUpload> files = parts == null ? List.of() : parts.stream().filter(f -> f.uploadedFile() != null).toList();
        if (files.isEmpty()) {
            throw new ApiException(ErrorCode.FILE_NOT_FOUND);
        }
        if (files.size() > 1) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "Bad request. Send exactly one file");
        }
        return files.get(0).uploadedFile();
    }
}
