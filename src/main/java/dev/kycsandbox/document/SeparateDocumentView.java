package dev.kycsandbox.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The {@code data} of {@code /document/generate} and {@code /document/upload}: {@code extension} once a file is stored. */
@JsonPropertyOrder({ "id", "uploadStatus", "extension" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeparateDocumentView(String id, boolean uploadStatus, String extension) {

    static SeparateDocumentView of(SeparateDocument document) {
        return new SeparateDocumentView(document.id, document.hasFile(), document.fileType);
    }
}
