package dev.kycsandbox.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.kycsandbox.storage.FileType;
import dev.kycsandbox.storage.StoredBlob;

/** A separate document's rules on the entity alone: no HTTP, no database. */
class SeparateDocumentTest {

    private static final Instant GENERATED = Instant.parse("2024-05-01T10:00:00.000Z");

    @Test
    void shouldGenerateAnEmptyDocumentOfTheTenant() {
        SeparateDocument document = SeparateDocument.generate("tnt-a", GENERATED);
        assertTrue(document.id.matches("^sdoc_[0-9A-Za-z]{22}$"), document.id);
        assertEquals("tnt-a", document.tenantId);
        assertEquals(GENERATED, document.createdAt);
        assertFalse(document.hasFile());
        assertNull(document.uploadedAt);
        assertEquals(new SeparateDocumentView(document.id, false, null), SeparateDocumentView.of(document));
        assertNotEquals(document.id, SeparateDocument.generate("tnt-a", GENERATED).id);
    }

    @Test
    void shouldOverwriteOnEveryUploadAndReturnTheSupersededBlob() {
        SeparateDocument document = SeparateDocument.generate("tnt-a", GENERATED);
        StoredBlob first = new StoredBlob("blob_0000000000000000000001", 10, "a".repeat(64), FileType.PNG);
        assertEquals(Optional.empty(), document.upload(first, GENERATED.plusSeconds(1)));
        assertTrue(document.hasFile());
        assertEquals(first, document.storedBlob());
        assertEquals(GENERATED.plusSeconds(1), document.uploadedAt);
        assertEquals(new SeparateDocumentView(document.id, true, "png"), SeparateDocumentView.of(document));

        StoredBlob second = new StoredBlob("blob_0000000000000000000002", 20, "b".repeat(64), FileType.DOC);
        assertEquals(Optional.of(first.id()), document.upload(second, GENERATED.plusSeconds(2)));
        assertEquals(second, document.storedBlob());
        assertEquals("doc", SeparateDocumentView.of(document).extension());
        assertEquals(GENERATED, document.createdAt);
    }
}
