package dev.kycsandbox.journal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal as a HAR 1.2 log (the format browsers' developer tools open), built from maps so
 * that it needs no reflection. Custom fields start with an underscore, as HAR asks.
 */
public final class Har {

    private Har() {
    }

    public static Map<String, Object> of(List<JournalEntry> entries, String version) {
        List<Object> list = new ArrayList<>(entries.size());
        // HAR lists in order of time, oldest first
        for (int i = entries.size() - 1; i >= 0; i--) {
            list.add(entry(entries.get(i)));
        }
        return map("log", map("version", "1.2", "creator", map("name", "kyc-sandbox", "version", version),
                "entries", list));
    }

    private static Map<String, Object> entry(JournalEntry e) {
        Map<String, Object> request = map("method", e.method(), "url", url(e), "httpVersion", "HTTP/1.1",
                "cookies", List.of(), "headers", headers(e.requestHeaders()), "queryString", query(e.query()),
                "headersSize", -1, "bodySize", e.requestBodySize());
        if (e.requestBody() != null) {
            Map<String, Object> postData = map("mimeType", header(e.requestHeaders(), "content-type", ""),
                    "text", e.requestBody());
            if (e.requestBodyTruncated()) {
                postData.put("comment", "truncated to the journal's body limit");
            }
            request.put("postData", postData);
        } else if (e.file() != null) {
            request.put("comment", "a file of " + e.file().size() + " bytes, SHA-256 " + e.file().sha256()
                    + " (files are never kept)");
        }
        Map<String, Object> response = map("status", e.status(), "statusText", "", "httpVersion", "HTTP/1.1",
                "cookies", List.of(), "headers", headers(e.responseHeaders()),
                "content", content(e),
                "redirectURL", "", "headersSize", -1, "bodySize", e.responseBodySize());
        Map<String, Object> entry = map("startedDateTime", e.startedAt(), "time", e.durationMs(), "request", request,
                "response", response, "cache", Map.of(),
                "timings", map("send", 0, "wait", e.durationMs(), "receive", 0),
                "_requestId", e.requestId());
        putIfPresent(entry, "_route", e.route());
        putIfPresent(entry, "_tenantId", e.tenantId());
        putIfPresent(entry, "_customerId", e.customerId());
        putIfPresent(entry, "_fault", e.fault());
        return entry;
    }

    /** The answer's content: its text when the journal kept it (an error envelope), else its size only. */
    private static Map<String, Object> content(JournalEntry e) {
        Map<String, Object> content = map("size", e.responseBodySize(), "mimeType", header(e.responseHeaders(), "content-type", ""));
        putIfPresent(content, "text", e.responseBody());
        return content;
    }

    private static String url(JournalEntry e) {
        String host = header(e.requestHeaders(), "host", "localhost");
        return "http://" + host + e.path() + (e.query() == null ? "" : "?" + e.query());
    }

    private static List<Object> headers(List<JournalEntry.Header> headers) {
        List<Object> list = new ArrayList<>(headers.size());
        headers.forEach(h -> list.add(map("name", h.name(), "value", h.value())));
        return list;
    }

    private static List<Object> query(String query) {
        List<Object> list = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return list;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            list.add(map("name", decode(eq < 0 ? pair : pair.substring(0, eq)),
                    "value", eq < 0 ? "" : decode(pair.substring(eq + 1))));
        }
        return list;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text; // a client's broken escape, recorded as sent
        }
    }

    private static String header(List<JournalEntry.Header> headers, String name, String otherwise) {
        return headers.stream().filter(h -> h.name().equals(name)).map(JournalEntry.Header::value).findFirst()
                .orElse(otherwise);
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
