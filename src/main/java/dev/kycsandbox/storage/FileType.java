package dev.kycsandbox.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipFile;

/**
 * The document types the sandbox accepts, recognised from the content's leading bytes only:
 * never from the client's file name or part Content-Type, which are free to lie.
 */
public enum FileType {
    PNG("png", "image/png"),
    JPEG("jpg", "image/jpeg"),
    PDF("pdf", "application/pdf"),
    HEIC("heic", "image/heic"),
    TIFF("tiff", "image/tiff"),
    WEBP("webp", "image/webp"),
    DOC("doc", "application/msword"),
    DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    /** How many leading bytes {@link #detect} needs. */
    public static final int HEAD_LENGTH = 16;

    private static final byte[] PNG_MAGIC = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A };
    private static final byte[] JPEG_MAGIC = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };
    private static final byte[] PDF_MAGIC = ascii("%PDF-");
    private static final byte[] TIFF_LE = { 'I', 'I', 0x2A, 0x00 };
    private static final byte[] TIFF_BE = { 'M', 'M', 0x00, 0x2A };
    private static final byte[] RIFF = ascii("RIFF");
    private static final byte[] WEBP_TAG = ascii("WEBP");
    private static final byte[] FTYP = ascii("ftyp");
    private static final byte[] OLE_MAGIC = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
            (byte) 0xE1 };
    private static final byte[] ZIP_MAGIC = { 'P', 'K', 0x03, 0x04 };
    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1");

    private final String extension;
    private final String mediaType;

    FileType(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** The extension connectFi reports for a stored document ({@code png}, {@code jpg}, …). */
    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<FileType> fromExtension(String extension) {
        return Arrays.stream(values()).filter(t -> t.extension.equals(extension)).findFirst();
    }

    /**
     * Recognises the type of {@code file} whose first bytes are {@code head}. A ZIP container is
     * only a DOCX when it holds a Word document part, which means looking at its directory.
     */
    public static Optional<FileType> detect(byte[] head, int length, Path file) {
        if (startsWith(head, length, 0, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, length, 0, JPEG_MAGIC)) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, length, 0, PDF_MAGIC)) {
            return Optional.of(PDF);
        }
        if (startsWith(head, length, 0, TIFF_LE) || startsWith(head, length, 0, TIFF_BE)) {
            return Optional.of(TIFF);
        }
        if (startsWith(head, length, 0, RIFF) && startsWith(head, length, 8, WEBP_TAG)) {
            return Optional.of(WEBP);
        }
        if (startsWith(head, length, 4, FTYP) && length >= 12
                && HEIF_BRANDS.contains(new String(head, 8, 4, StandardCharsets.US_ASCII))) {
            return Optional.of(HEIC);
        }
        if (startsWith(head, length, 0, OLE_MAGIC)) {
            return Optional.of(DOC);
        }
        if (startsWith(head, length, 0, ZIP_MAGIC) && isWordDocument(file)) {
            return Optional.of(DOCX);
        }
        return Optional.empty();
    }

    private static boolean isWordDocument(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry("word/document.xml") != null;
        } catch (IOException e) {
            return false; // not a readable ZIP: not a DOCX
        }
    }

    private static boolean startsWith(byte[] data, int length, int offset, byte[] prefix) {
        if (length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
