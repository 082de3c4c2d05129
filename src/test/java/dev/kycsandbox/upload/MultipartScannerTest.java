package dev.kycsandbox.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming multipart parser, fed bodies split at every possible byte boundary. */
class MultipartScannerTest {

    private static final String BOUNDARY = "----kycBoundary7MA4YWxk";

    @Test
    void shouldReadEveryPartWhereverTheBodyIsSplit() throws Exception {
        byte[] file = binaryWithDelimiterLookalikes();
        byte[] body = body(part("form-data; name=\"note\"", "hello".getBytes(StandardCharsets.US_ASCII)),
                part("form-data; name=\"file\"; filename=\"front.png\"", file));
        for (int split = 0; split <= body.length; split++) {
            Recorded recorded = scan(body, split);
            assertEquals(2, recorded.parts.size(), "split at " + split);
            assertEquals("form-data; name=\"note\"", recorded.parts.get(0).headers.get("content-disposition"));
            assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), recorded.parts.get(0).content(), "split at " + split);
            assertArrayEquals(file, recorded.parts.get(1).content(), "split at " + split);
        }
    }

    @Test
    void shouldReadABodyFedOneByteAtATime() throws Exception {
        byte[] file = binaryWithDelimiterLookalikes();
        byte[] body = body(part("form-data; name=\"file\"; filename=\"a.pdf\"", file));
        Recorded recorded = new Recorded();
        MultipartScanner scanner = new MultipartScanner(BOUNDARY, recorded);
        for (byte b : body) {
            scanner.feed(new byte[] { b }, 0, 1);
        }
        scanner.end();
        assertArrayEquals(file, recorded.parts.get(0).content());
    }

    @Test
    void shouldSkipPreambleAndEpilogueAndAcceptTransportPadding() throws Exception {
        String text = "a preamble line\r\n--" + BOUNDARY + "  \t\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n"
                + "data\r\n--" + BOUNDARY + "--\r\nan epilogue that is ignored";
        byte[] body = text.getBytes(StandardCharsets.ISO_8859_1);
        Recorded recorded = scan(body, body.length);
        assertEquals(1, recorded.parts.size());
        assertArrayEquals("data".getBytes(StandardCharsets.US_ASCII), recorded.parts.get(0).content());
    }

    @Test
    void shouldReadAPartWithoutHeadersAndAnEmptyPart() throws Exception {
        String text = "--" + BOUNDARY + "\r\n\r\nno headers\r\n--" + BOUNDARY + "\r\nX-A: 1\r\n\r\n\r\n--" + BOUNDARY + "--";
        Recorded recorded = scan(text.getBytes(StandardCharsets.ISO_8859_1), 0);
        assertEquals(2, recorded.parts.size());
        assertEquals(Map.of(), recorded.parts.get(0).headers);
        assertArrayEquals("no headers".getBytes(StandardCharsets.US_ASCII), recorded.parts.get(0).content());
        assertEquals("1", recorded.parts.get(1).headers.get("x-a"));
        assertEquals(0, recorded.parts.get(1).content().length);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "--" + BOUNDARY, "--" + BOUNDARY + "\r\nContent-Disposition: form-data",
            "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\ncut off",
            "--" + BOUNDARY + "\r\n\r\nno closing delimiter\r\n--" + BOUNDARY, "no delimiter at all",
            "--wrongBoundary\r\n\r\nx\r\n--wrongBoundary--" })
    void shouldRefuseTruncatedOrUndelimitedBodiesAtTheirEnd(String text) throws Exception {
        MultipartScanner scanner = new MultipartScanner(BOUNDARY, new Recorded());
        byte[] body = text.getBytes(StandardCharsets.ISO_8859_1);
        scanner.feed(body, 0, body.length);
        assertFalse(scanner.complete());
        assertThrows(MultipartScanner.Malformed.class, scanner::end);
    }

    @Test
    void shouldRefuseGarbageAfterADelimiter() throws Exception {
        MultipartScanner scanner = new MultipartScanner(BOUNDARY, new Recorded());
        byte[] body = ("--" + BOUNDARY + "garbage\r\n\r\nx\r\n--" + BOUNDARY + "--").getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(MultipartScanner.Malformed.class, () -> scanner.feed(body, 0, body.length));
    }

    @Test
    void shouldRefuseAHeaderLineWithoutName() throws Exception {
        MultipartScanner scanner = new MultipartScanner(BOUNDARY, new Recorded());
        byte[] body = ("--" + BOUNDARY + "\r\nno colon here\r\n\r\nx\r\n--" + BOUNDARY + "--").getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(MultipartScanner.Malformed.class, () -> scanner.feed(body, 0, body.length));
    }

    @Test
    void shouldRefuseAHeaderBlockOverItsLimitWhileItStreams() throws Exception {
        MultipartScanner scanner = new MultipartScanner(BOUNDARY, new Recorded());
        byte[] start = ("--" + BOUNDARY + "\r\nX-Long: ").getBytes(StandardCharsets.ISO_8859_1);
        scanner.feed(start, 0, start.length);
        byte[] filler = new byte[1024];
        Arrays.fill(filler, (byte) 'a');
        assertThrows(MultipartScanner.Malformed.class, () -> {
            for (int i = 0; i < 20; i++) {
                scanner.feed(filler, 0, filler.length);
            }
        });
    }

    @Test
    void shouldRefuseMorePartsThanItsLimit() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i <= MultipartScanner.MAX_PARTS; i++) {
            text.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"f").append(i)
                    .append("\"\r\n\r\nv\r\n");
        }
        byte[] body = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        MultipartScanner scanner = new MultipartScanner(BOUNDARY, new Recorded());
        assertThrows(MultipartScanner.Malformed.class, () -> scanner.feed(body, 0, body.length));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "12345678901234567890123456789012345678901234567890123456789012345678901" })
    void shouldRefuseEmptyAndOverlongBoundaries(String boundary) {
        assertThrows(MultipartScanner.Malformed.class, () -> new MultipartScanner(boundary, new Recorded()));
    }

    @Test
    void shouldReadTheBoundaryParameterQuotedOrNot() {
        assertEquals("abc", MultipartScanner.boundaryOf("multipart/form-data; boundary=abc"));
        assertEquals("a b;c", MultipartScanner.boundaryOf("multipart/form-data; charset=x; BOUNDARY=\"a b;c\""));
        assertNull(MultipartScanner.boundaryOf("multipart/form-data"));
        assertNull(MultipartScanner.boundaryOf("multipart/form-data; boundary=\"unterminated"));
    }

    @Test
    void shouldTellFilePartsByTheirFilenameParameter() {
        assertTrue(HeaderParameters.isFile("form-data; name=\"file\"; filename=\"x.png\""));
        assertTrue(HeaderParameters.isFile("form-data; filename*=UTF-8''x.png"));
        assertTrue(HeaderParameters.isFile("Form-Data; name=\"a;b\"; FILENAME=\"x\""));
        assertFalse(HeaderParameters.isFile("form-data; name=\"file\""));
        assertFalse(HeaderParameters.isFile("form-data; name=\"file\";\u00eafilename=\"x.png\""), "a damaged parameter");
        assertFalse(HeaderParameters.isFile("form-data; name=\"file; filename=\"x.png\""), "an unterminated quote");
        assertFalse(HeaderParameters.isFile("attachment; filename=\"x.png\""));
        assertFalse(HeaderParameters.isFile(null));
    }

    /** Bytes full of partial delimiters: CR, LF, dashes and prefixes of the boundary. */
    private static byte[] binaryWithDelimiterLookalikes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Random random = new Random(42);
        byte[] prefix = ("\r\n--" + BOUNDARY).getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 40; i++) {
            out.write(prefix, 0, random.nextInt(prefix.length - 1) + 1);
            for (int j = random.nextInt(20); j > 0; j--) {
                out.write(random.nextInt(256));
            }
        }
        return out.toByteArray();
    }

    private static byte[] part(String disposition, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("Content-Disposition: " + disposition + "\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] body(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(("--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(part);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** Feeds {@code body} as two chunks, split at {@code split}, and ends it. */
    private static Recorded scan(byte[] body, int split) throws Exception {
        Recorded recorded = new Recorded();
        MultipartScanner scanner = new MultipartScanner(BOUNDARY, recorded);
        scanner.feed(body, 0, split);
        scanner.feed(body, split, body.length - split);
        scanner.end();
        return recorded;
    }

    private static final class Recorded implements MultipartScanner.Listener {

        final List<Part> parts = new ArrayList<>();

        @Override
        public void partStarted(Map<String, String> headers) {
            parts.add(new Part(headers, new ByteArrayOutputStream()));
        }

        @Override
        public void content(byte[] bytes, int offset, int length) {
            parts.get(parts.size() - 1).bytes().write(bytes, offset, length);
        }
    }

    private record Part(Map<String, String> headers, ByteArrayOutputStream bytes) {
        byte[] content() {
            return bytes.toByteArray();
        }
    }
}
