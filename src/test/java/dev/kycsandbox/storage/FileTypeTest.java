package dev.kycsandbox.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.kycsandbox.support.Documents;

class FileTypeTest {

    @TempDir
    Path dir;

    static Stream<Arguments> documents() {
        return Stream.of(
                Arguments.of("png", Documents.png(1), FileType.PNG),
                Arguments.of("jpeg", Documents.jpeg(), FileType.JPEG),
                Arguments.of("pdf", Documents.pdf(), FileType.PDF),
                Arguments.of("tiff little-endian", Documents.tiff(), FileType.TIFF),
                Arguments.of("tiff big-endian", bytes('M', 'M', 0x00, 0x2A, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0), FileType.TIFF),
                Arguments.of("webp", Documents.webp(), FileType.WEBP),
                Arguments.of("heic", Documents.heic(), FileType.HEIC),
                Arguments.of("heif mif1", ftyp("mif1"), FileType.HEIC),
                Arguments.of("heif heix", ftyp("heix"), FileType.HEIC),
                Arguments.of("doc", Documents.doc(), FileType.DOC),
                Arguments.of("docx", Documents.docx(), FileType.DOCX));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void shouldRecogniseEachAcceptedTypeFromItsLeadingBytes(String name, byte[] content, FileType expected)
            throws IOException {
        assertEquals(Optional.of(expected), detect(content));
    }

    @Test
    void shouldRecogniseMagicAloneWithoutAnyFurtherContent() throws IOException {
        assertEquals(Optional.of(FileType.PNG), detect(Arrays.copyOf(Documents.png(1), 8)));
        assertEquals(Optional.of(FileType.JPEG), detect(bytes(0xFF, 0xD8, 0xFF)));
        assertEquals(Optional.of(FileType.PDF), detect("%PDF-".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Optional.of(FileType.TIFF), detect(bytes('I', 'I', 0x2A, 0x00)));
    }

    @Test
    void shouldRefuseTruncatedHeads() throws IOException {
        assertEquals(Optional.empty(), detect(new byte[0]));
        assertEquals(Optional.empty(), detect(Arrays.copyOf(Documents.png(1), 7)));
        assertEquals(Optional.empty(), detect(bytes(0xFF, 0xD8)));
        assertEquals(Optional.empty(), detect("%PDF".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Optional.empty(), detect(bytes('I', 'I', 0x2A)));
        assertEquals(Optional.empty(), detect(Arrays.copyOf(Documents.webp(), 11)));
        assertEquals(Optional.empty(), detect(Arrays.copyOf(Documents.heic(), 11)));
        assertEquals(Optional.empty(), detect(Arrays.copyOf(Documents.doc(), 7)));
    }

    @Test
    void shouldOnlyLookAtTheGivenLengthOfTheHead() {
        byte[] head = Arrays.copyOf(Documents.png(1), FileType.HEAD_LENGTH);
        assertEquals(Optional.of(FileType.PNG), FileType.detect(head, 8, null));
        assertEquals(Optional.empty(), FileType.detect(head, 7, null), "a file of 7 bytes is no PNG");
        assertEquals(Optional.empty(), FileType.detect(head, 0, null));
    }

    @Test
    void shouldRefuseLookalikes() throws IOException {
        // RIFF, but audio
        assertEquals(Optional.empty(), detect(bytes('R', 'I', 'F', 'F', 0x24, 0, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't', ' ')));
        // ISO media, but an MP4 video
        assertEquals(Optional.empty(), detect(ftyp("isom")));
        // PNG magic one byte off
        byte[] png = Documents.png(1);
        png[7] = 0x0B;
        assertEquals(Optional.empty(), detect(png));
        // the magic not at the start
        byte[] shifted = new byte[Documents.pdf().length + 1];
        System.arraycopy(Documents.pdf(), 0, shifted, 1, shifted.length - 1);
        assertEquals(Optional.empty(), detect(shifted));
    }

    @Test
    void shouldRefuseZipWithoutWordDocument() throws IOException {
        assertEquals(Optional.empty(), detect(Documents.plainZip()));
    }

    @Test
    void shouldRefuseBrokenZipThatStartsLikeDocx() throws IOException {
        byte[] broken = Arrays.copyOf(Documents.docx(), 40);
        assertEquals(Optional.empty(), detect(broken));
        assertEquals(Optional.empty(), detect(bytes('P', 'K', 0x03, 0x04)));
    }

    @Test
    void shouldRefuseText() throws IOException {
        assertEquals(Optional.empty(), detect(Documents.text()));
        assertEquals(Optional.empty(), detect("<html><body>license</body></html>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), detect("{\"json\":true}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldMapExtensionsAndMediaTypes() {
        assertEquals("jpg", FileType.JPEG.extension());
        assertEquals("image/jpeg", FileType.JPEG.mediaType());
        assertEquals("application/pdf", FileType.PDF.mediaType());
        for (FileType type : FileType.values()) {
            assertEquals(Optional.of(type), FileType.fromExtension(type.extension()));
            assertTrue(type.mediaType().contains("/"), type.name());
        }
        assertEquals(Optional.empty(), FileType.fromExtension("exe"));
        assertEquals(Optional.empty(), FileType.fromExtension("jpeg"));
    }

    /** Detects as {@link BlobStore} does: the leading bytes of a real file, plus the file itself. */
    private Optional<FileType> detect(byte[] content) throws IOException {
        Path file = Files.write(Files.createTempFile(dir, "upload", ".bin"), content);
        byte[] head = Arrays.copyOf(content, FileType.HEAD_LENGTH);
        return FileType.detect(head, Math.min(content.length, FileType.HEAD_LENGTH), file);
    }

    private static byte[] ftyp(String brand) {
        byte[] data = Arrays.copyOf(bytes(0, 0, 0, 0x18, 'f', 't', 'y', 'p'), 32);
        System.arraycopy(brand.getBytes(StandardCharsets.US_ASCII), 0, data, 8, 4);
        return data;
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
