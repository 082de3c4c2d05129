package dev.kycsandbox.upload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code ;}-separated parameters of a header value such as {@code Content-Type} or
 * {@code Content-Disposition} (RFC 9110 §5.6.6), quoted strings included.
 */
final class HeaderParameters {

    private HeaderParameters() {
    }

    /** Whether a part's Content-Disposition makes it a file: {@code form-data} with a {@code filename} parameter. */
    static boolean isFile(String contentDisposition) {
        List<String> parts = split(contentDisposition);
        if (parts.isEmpty() || !parts.get(0).trim().equalsIgnoreCase("form-data")) {
            return false;
        }
        for (String parameter : parts.subList(1, parts.size())) {
            int eq = parameter.indexOf('=');
            String name = (eq < 0 ? parameter : parameter.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            if (eq > 0 && (name.equals("filename") || name.equals("filename*"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The value split at each {@code ;} outside double quotes; empty for a null value or one with
     * an unterminated quote, which is no valid value at all.
     */
    static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        if (value == null) {
            return parts;
        }
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        if (quoted) {
            return new ArrayList<>();
        }
        parts.add(value.substring(start));
        return parts;
    }

    /** A parameter value without its quotes and escapes. */
    static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
