package dev.kycsandbox.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small but real documents of every accepted type, made in memory for the tests. */
public final class Documents {

    private Documents() {
    }

    /** A valid PNG whose pixels depend on {@code seed}, so two seeds give two different files. */
    public static byte[] png(int seed) {
        int width = 16;
        int height = 16;
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int y = 0; y < height; y++) {
            raw.write(0);
            for (int x = 0; x < width * 3; x++) {
                raw.write((x * seed + y) & 0xFF);
            }
        }
        Deflater deflater = new Deflater();
        deflater.setInput(raw.toByteArray());
        deflater.finish();
        byte[] buffer = new byte[8192];
        int compressed = deflater.deflate(buffer);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A });
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IDAT", Arrays.copyOf(buffer, compressed));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A file of {@code size} bytes that the sandbox recognises as a PNG (the magic, then noise). */
    public static byte[] pngOfSize(int size) {
        byte[] data = new byte[size];
        ThreadLocalRandom.current().nextBytes(data);
        System.arraycopy(png(1), 0, data, 0, 8);
        return data;
    }

    public static byte[] jpeg() {
        return withTail(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0 });
    }

    public static byte[] pdf() {
        return "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] tiff() {
        return withTail(new byte[] { 'I', 'I', 0x2A, 0, 8, 0, 0, 0 });
    }

    public static byte[] webp() {
        return withTail(new byte[] { 'R', 'I', 'F', 'F', 0x24, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' ' });
    }

    public static byte[] heic() {
        return withTail(new byte[] { 0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0 });
    }

    public static byte[] doc() {
        return withTail(new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
                (byte) 0xE1 });
    }

    public static byte[] docx() {
        return zip("word/document.xml");
    }

    /** A ZIP that is not a Word document: refused although it starts like a DOCX. */
    public static byte[] plainZip() {
        return zip("notes.txt");
    }

    public static byte[] text() {
        return "just some text, not a document".getBytes(StandardCharsets.US_ASCII);
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] zip(String entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry(entry));
            zip.write("<document/>".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] withTail(byte[] head) {
        byte[] data = Arrays.copyOf(head, head.length + 64);
        for (int i = head.length; i < data.length; i++) {
            data[i] = (byte) i;
        }
        return data;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
