package dev.kycsandbox.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request written byte for byte on its own loopback connection, and what came back: the first
 * response (status, headers, body), or nothing because the server closed the connection. Bounded:
 * a silent server fails the exchange after {@code patience}.
 */
record RawExchange(int status, Map<String, String> headers, byte[] body, boolean closedWithoutAnswer,
        boolean timedOut, Duration elapsed) {

    private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    static RawExchange send(int port, byte[] request, Duration patience) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout((int) patience.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                for (int at = 0; at < request.length; at += 65_536) {
                    out.write(request, at, Math.min(65_536, request.length - at));
                }
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer (413, 400) and close before the client is done sending
            }
            boolean head = new String(request, 0, Math.min(5, request.length), StandardCharsets.ISO_8859_1).equals("HEAD ");
            return read(socket.getInputStream(), start, head);
        }
    }

    /** {@code head}: the answer to a HEAD request, whose headers describe a body that is never sent. */
    private static RawExchange read(InputStream in, long start, boolean headRequest) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        try {
            int headEnd;
            while ((headEnd = HostileRequest.indexOf(seen.toByteArray(), HEAD_END, 0)) < 0) {
                int b = in.read();
                if (b < 0) {
                    return new RawExchange(-1, Map.of(), seen.toByteArray(), true, false, since(start));
                }
                seen.write(b);
            }
            String head = new String(seen.toByteArray(), 0, headEnd, StandardCharsets.ISO_8859_1);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            byte[] body;
            if (headRequest) {
                body = new byte[0];
            } else if (headers.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = readChunked(in);
            } else {
                body = new byte[0];
            }
            return new RawExchange(status, headers, body, false, false, since(start));
        } catch (SocketTimeoutException silent) {
            return new RawExchange(-1, Map.of(), seen.toByteArray(), false, true, since(start));
        } catch (java.net.SocketException reset) {
            return new RawExchange(-1, Map.of(), seen.toByteArray(), true, false, since(start));
        }
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (b != '\r') {
                    size.append((char) b);
                }
            }
            int length = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
            if (length == 0) {
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes(length));
            in.readNBytes(2);
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
