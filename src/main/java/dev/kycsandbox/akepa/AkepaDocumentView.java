package dev.kycsandbox.akepa;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code data} of {@code /akepa/document/generate} and {@code /akepa/document/upload}: the
 * document as generated, {@code uploadStatus} true once it holds a file.
 */
@JsonPropertyOrder({ "id", "workflow", "name", "type", "extension", "uploadStatus" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AkepaDocumentView(String id, String workflow, String name, String type, String extension,
        boolean uploadStatus) {

    static AkepaDocumentView of(AkepaDocument document) {
        return new AkepaDocumentView(document.id, document.workflow, document.name, document.documentType,
                document.declaredExtension, document.hasFile());
    }
}
