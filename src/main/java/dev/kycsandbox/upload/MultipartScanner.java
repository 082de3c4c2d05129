package dev.kycsandbox.upload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A streaming {@code multipart/form-data} parser (RFC 2046 §5.1, RFC 7578), fed the body chunk by
 * chunk as it arrives: a small state machine (preamble, delimiter, part headers, part body,
 * epilogue) that hands each part's headers and content bytes to a {@link Listener} and never holds
 * more than one chunk plus a delimiter's length (or one part's header block) of the body.
 * Every limit is checked as the bytes come; a body it cannot read is {@link Malformed}.
 *
 * <p>The body is read as if it were preceded by CRLF, so the first delimiter needs none, and the
 * delimiter is found by Horspool's search: the content of a file is mostly skipped, not compared
 * byte by byte.
 */
final class MultipartScanner {

    /** A part header block larger than this is malformed. */
    static final int MAX_HEADER_BLOCK = 16 * 1024;
    /** More parts than this is malformed (the REST layer's own parser had the same limit). */
    static final int MAX_PARTS = 1000;
    /** RFC 2046 §5.1.1: 1 to 70 characters. */
    static final int MAX_BOUNDARY = 70;

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    /** What the scanner finds, in body order. */
    interface Listener {

        /** A part begins; {@code headers} by lower-case name. */
        void partStarted(Map<String, String> headers) throws IOException;

        /** Content of the current part; the bytes are only valid during the call. */
        void content(byte[] bytes, int offset, int length) throws IOException;
    }

    /** The body is not a multipart body this scanner can read. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private enum State { PREAMBLE, AFTER_DELIMITER, HEADERS, BODY, EPILOGUE }

    private final byte[] delimiter;
    private final int[] shift = new int[256];
    private final Listener listener;
    private State state = State.PREAMBLE;
    private byte[] window = new byte[16 * 1024];
    private int carried;
    private int parts;

    MultipartScanner(String boundary, Listener listener) throws Malformed {
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY) {
            throw new Malformed("missing or invalid boundary");
        }
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.listener = listener;
        for (int i = 0; i < shift.length; i++) {
            shift[i] = delimiter.length;
        }
        for (int i = 0; i < delimiter.length - 1; i++) {
            shift[delimiter[i] & 0xFF] = delimiter.length - 1 - i;
        }
        window[0] = CR;
        window[1] = LF;
        carried = 2;
    }

    /** The boundary parameter of a {@code multipart/form-data} Content-Type, unquoted; null if absent. */
    static String boundaryOf(String contentType) {
        for (String parameter : HeaderParameters.split(contentType)) {
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
                return HeaderParameters.unquote(parameter.substring(eq + 1).trim());
            }
        }
        return null;
    }

    /** Reads the next {@code length} bytes of the body. */
    void feed(byte[] chunk, int offset, int length) throws IOException, Malformed {
        if (state == State.EPILOGUE) {
            return;
        }
        if (carried + length > window.length) {
            byte[] larger = new byte[Math.max(window.length * 2, carried + length)];
            System.arraycopy(window, 0, larger, 0, carried);
            window = larger;
        }
        System.arraycopy(chunk, offset, window, carried, length);
        int end = carried + length;
        int keepFrom = scan(end);
        carried = end - keepFrom;
        System.arraycopy(window, keepFrom, window, 0, carried);
    }

    /** The body is over: it must have ended with the closing delimiter. */
    void end() throws Malformed {
        if (state != State.EPILOGUE) {
            throw new Malformed(state == State.PREAMBLE ? "no part" : "truncated body");
        }
    }

    /** Whether the closing delimiter has been read. */
    boolean complete() {
        return state == State.EPILOGUE;
    }

    /** Consumes {@code window[0, end)} as far as it can; returns where the bytes to keep begin. */
    private int scan(int end) throws IOException, Malformed {
        int at = 0;
        while (true) {
            switch (state) {
                case PREAMBLE -> {
                    int found = indexOfDelimiter(at, end);
                    if (found < 0) {
                        return Math.max(at, end - (delimiter.length - 1));
                    }
                    at = found + delimiter.length;
                    state = State.AFTER_DELIMITER;
                }
                case AFTER_DELIMITER -> {
                    // "--" closes the body; else optional transport padding, then CRLF and a part
                    while (at < end && (window[at] == ' ' || window[at] == '\t')) {
                        at++;
                    }
                    if (end - at < 2) {
                        return at;
                    }
                    if (window[at] == '-' && window[at + 1] == '-') {
                        state = State.EPILOGUE;
                        return end;
                    }
                    if (window[at] != CR || window[at + 1] != LF) {
                        throw new Malformed("garbage after a delimiter");
                    }
                    if (++parts > MAX_PARTS) {
                        throw new Malformed("more than " + MAX_PARTS + " parts");
                    }
                    at += 2;
                    state = State.HEADERS;
                }
                case HEADERS -> {
                    int blockEnd = indexOfBlankLine(at, end);
                    if (blockEnd < 0) {
                        if (end - at > MAX_HEADER_BLOCK) {
                            throw new Malformed("part header block over " + MAX_HEADER_BLOCK + " bytes");
                        }
                        return at;
                    }
                    listener.partStarted(parseHeaders(at, blockEnd));
                    at = blockEnd + 2;
                    state = State.BODY;
                }
                case BODY -> {
                    int found = indexOfDelimiter(at, end);
                    if (found < 0) {
                        int safe = end - (delimiter.length - 1);
                        if (safe > at) {
                            listener.content(window, at, safe - at);
                            at = safe;
                        }
                        return at;
                    }
                    if (found > at) {
                        listener.content(window, at, found - at);
                    }
                    at = found + delimiter.length;
                    state = State.AFTER_DELIMITER;
                }
                case EPILOGUE -> {
                    return end;
                }
            }
        }
    }

    /** Horspool's search for the delimiter in {@code window[from, to)}. */
    private int indexOfDelimiter(int from, int to) {
        int last = delimiter.length - 1;
        int i = from;
        while (i + last < to) {
            int j = last;
            while (window[i + j] == delimiter[j]) {
                if (j == 0) {
                    return i;
                }
                j--;
            }
            i += shift[window[i + last] & 0xFF];
        }
        return -1;
    }

    /**
     * Where the blank line ending a header block that starts at {@code from} begins: the block's
     * own CRLF pair, or a CRLF right at {@code from} for a part with no headers. Returns the
     * position of that final CRLF, or -1.
     */
    private int indexOfBlankLine(int from, int to) {
        if (to - from >= 2 && window[from] == CR && window[from + 1] == LF) {
            return from;
        }
        for (int i = from; i + 3 < to; i++) {
            if (window[i] == CR && window[i + 1] == LF && window[i + 2] == CR && window[i + 3] == LF) {
                return i + 2;
            }
        }
        return -1;
    }

    private Map<String, String> parseHeaders(int from, int to) throws Malformed {
        Map<String, String> headers = new HashMap<>(4);
        // ISO-8859-1 maps every byte to a char: no byte sequence can fail to decode
        String block = new String(window, from, to - from, StandardCharsets.ISO_8859_1);
        for (String line : block.split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new Malformed("a part header line without a name");
            }
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (first, second) -> first);
        }
        return headers;
    }
}
