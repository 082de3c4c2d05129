package dev.kycsandbox.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One case of the hostile corpus ({@code src/test/resources/hostile/corpus}): a raw HTTP request,
 * byte for byte, after a few {@code # } comment lines that say what it is and what it must get.
 * <ul>
 * <li>{@code # expect: 400 badRequest|requestValidateError} — that status, one of those codes, in the envelope
 * (alternatives: {@code 400 a|401 b}); {@code # expect: 400 bare} — the HTTP codec's own answer, which no
 * application code can shape (see docs/api.md); {@code # expect: dropped} — a slow client the server must cut
 * off.</li>
 * <li>{@code # chunked: true} — the body is re-sent with {@code Transfer-Encoding: chunked}.</li>
 * </ul>
 * Placeholders: {@code {{TOKEN}} {{ADMIN}} {{CUSTOMER}} {{SLOT}} {{SDOC}} {{AKEPA_CUSTOMER}} {{ADOC}} {{HOST}}}
 * (the fixtures; {@code ADOC} is an Akepa document declared {@code png}, never uploaded),
 * {@code {{LENGTH}}} (the body's length after expansion), {@code {{REPEAT:n:c}}} (n times the byte c).
 */
record HostileRequest(String name, String description, String expect, boolean chunked, byte[] template) {

    private static final byte[] CRLF2 = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    static List<HostileRequest> corpus(Path directory) {
        try (var files = Files.list(directory)) {
            List<HostileRequest> cases = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".http")).sorted().toList()) {
                cases.add(parse(file.getFileName().toString().replace(".http", ""), Files.readAllBytes(file)));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HostileRequest parse(String name, byte[] file) {
        String description = "";
        String expect = null;
        boolean chunked = false;
        int at = 0;
        while (at < file.length && file[at] == '#') {
            int end = indexOf(file, (byte) '\n', at);
            String line = new String(file, at + 1, end - at - 1, StandardCharsets.UTF_8).trim();
            if (line.startsWith("expect:")) {
                expect = line.substring("expect:".length()).trim();
            } else if (line.equals("chunked: true")) {
                chunked = true;
            } else if (description.isEmpty()) {
                description = line;
            }
            at = end + 1;
        }
        if (expect == null) {
            throw new IllegalArgumentException(name + ": no '# expect:' line");
        }
        return new HostileRequest(name, description, expect, chunked, Arrays.copyOfRange(file, at, file.length));
    }

    /** The bytes to send, placeholders filled in from {@code values}. */
    byte[] bytes(Map<String, String> values) {
        byte[] expanded = expand(template, values);
        int headEnd = indexOf(expanded, CRLF2, 0);
        if (headEnd < 0) {
            return expanded; // a request that never finishes its headers
        }
        byte[] head = Arrays.copyOfRange(expanded, 0, headEnd + CRLF2.length);
        byte[] body = Arrays.copyOfRange(expanded, headEnd + CRLF2.length, expanded.length);
        if (chunked) {
            body = chunk(body);
        }
        byte[] filledHead = new String(head, StandardCharsets.ISO_8859_1)
                .replace("{{LENGTH}}", Integer.toString(body.length)).getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(filledHead.length + body.length);
        out.writeBytes(filledHead);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] expand(byte[] template, Map<String, String> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(template.length);
        int at = 0;
        while (at < template.length) {
            int open = indexOf(template, "{{".getBytes(StandardCharsets.US_ASCII), at);
            int close = open < 0 ? -1 : indexOf(template, "}}".getBytes(StandardCharsets.US_ASCII), open + 2);
            if (close < 0) {
                out.write(template, at, template.length - at);
                break;
            }
            out.write(template, at, open - at);
            String key = new String(template, open + 2, close - open - 2, StandardCharsets.ISO_8859_1);
            if (key.startsWith("REPEAT:")) {
                String[] repeat = key.split(":", 3);
                byte[] run = new byte[Integer.parseInt(repeat[1])];
                Arrays.fill(run, (byte) repeat[2].charAt(0));
                out.writeBytes(run);
            } else if (key.equals("LENGTH")) {
                out.writeBytes("{{LENGTH}}".getBytes(StandardCharsets.US_ASCII)); // known once the body is
            } else if (values.containsKey(key)) {
                out.writeBytes(values.get(key).getBytes(StandardCharsets.UTF_8));
            } else {
                throw new IllegalArgumentException("unknown placeholder " + key);
            }
            at = close + 2;
        }
        return out.toByteArray();
    }

    private static byte[] chunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + body.length / 1000 + 16);
        for (int at = 0; at < body.length; at += 8192) {
            int size = Math.min(8192, body.length - at);
            out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, size);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte value, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return data.length;
    }

    static int indexOf(byte[] data, byte[] pattern, int from) {
        outer: for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public String toString() {
        return name + " (" + description + ")";
    }
}
