package dev.kycsandbox.api;

import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Turns a Bean Validation violation into one entry of connectFi's {@code requestValidateError}
 * context, shaped like the AJV errors connectFi sends: {@code instancePath} (a JSON pointer into
 * the body), {@code keyword}, {@code params} and {@code message}.
 */
final class ValidationFailures {

    static final Comparator<Map<String, Object>> ORDER = Comparator
            .comparing((Map<String, Object> m) -> (String) m.get("instancePath"))
            .thenComparing(m -> (String) m.get("keyword"))
            .thenComparing(m -> String.valueOf(m.get("params")));

    private ValidationFailures() {
    }

    static Map<String, Object> describe(ConstraintViolation<?> violation) {
        StringBuilder parent = new StringBuilder();
        String leaf = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
                continue; // the resource method and its body parameter are not part of the JSON
            }
            if (leaf != null) {
                parent.append('/').append(leaf);
                leaf = null;
            }
            if (node.isInIterable() && (node.getIndex() != null || node.getKey() != null)) {
                parent.append('/').append(node.getIndex() != null ? node.getIndex() : node.getKey());
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                leaf = node.getName();
            }
        }
        Annotation constraint = violation.getConstraintDescriptor().getAnnotation();
        Object value = violation.getInvalidValue();
        Map<String, Object> failure = new LinkedHashMap<>();
        Map<String, Object> params = new LinkedHashMap<>();
        String keyword;
        String message = violation.getMessage();
        if (value == null && isPresenceCheck(constraint)) {
            keyword = "required";
            String missing = leaf == null ? "body" : leaf;
            params.put("missingProperty", missing);
            message = "must have required property '" + missing + "'";
            leaf = null; // AJV reports a missing property at its parent
        } else {
            keyword = keywordOf(constraint, value);
            paramsOf(constraint, params);
        }
        String instancePath = leaf == null ? parent.toString() : parent + "/" + leaf;
        failure.put("instancePath", instancePath);
        failure.put("keyword", keyword);
        failure.put("params", params);
        failure.put("message", message);
        return failure;
    }

    private static boolean isPresenceCheck(Annotation constraint) {
        return constraint instanceof NotNull || constraint instanceof NotBlank || constraint instanceof NotEmpty;
    }

    private static String keywordOf(Annotation constraint, Object value) {
        boolean collection = value instanceof Collection<?> || value instanceof Map<?, ?>;
        if (constraint instanceof NotBlank || constraint instanceof NotEmpty) {
            return collection ? "minItems" : "minLength";
        }
        if (constraint instanceof Size size) {
            int length = value instanceof CharSequence s ? s.length()
                    : value instanceof Collection<?> c ? c.size() : value instanceof Map<?, ?> m ? m.size() : 0;
            boolean tooLong = length > size.max();
            return (collection ? (tooLong ? "maxItems" : "minItems") : (tooLong ? "maxLength" : "minLength"));
        }
        if (constraint instanceof Pattern) {
            return "pattern";
        }
        if (constraint instanceof Email) {
            return "format";
        }
        if (constraint instanceof Min) {
            return "minimum";
        }
        if (constraint instanceof Max) {
            return "maximum";
        }
        return constraint.annotationType().getSimpleName();
    }

    private static void paramsOf(Annotation constraint, Map<String, Object> params) {
        if (constraint instanceof Pattern pattern) {
            params.put("pattern", pattern.regexp());
        } else if (constraint instanceof Size size) {
            params.put("min", size.min());
            params.put("max", size.max());
        } else if (constraint instanceof Email) {
            params.put("format", "email");
        } else if (constraint instanceof Min min) {
            params.put("limit", min.value());
        } else if (constraint instanceof Max max) {
            params.put("limit", max.value());
        }
    }
}
