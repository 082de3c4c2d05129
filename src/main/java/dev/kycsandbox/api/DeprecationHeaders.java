package dev.kycsandbox.api;

import java.lang.reflect.Method;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Adds the deprecation headers to every response of a {@link DeprecatedEndpoint}, success or
 * error (exception mappers' responses pass through response filters too):
 * {@code Deprecation: @<unix seconds>} (RFC 9745, a structured-field date) and
 * {@code Link: </akepa/…>; rel="successor-version"} (RFC 8288, relative to the request).
 */
public class DeprecationHeaders {

    public static final String DEPRECATION = "Deprecation";
    public static final String LINK = "Link";
    /**
     * When the sandbox counts the legacy family as deprecated [sandbox choice: connectFi documents
     * the deprecation, not its date]: 2024-01-01T00:00:00Z.
     */
    public static final Instant DEPRECATED_SINCE = Instant.parse("2024-01-01T00:00:00Z");
    static final String DEPRECATION_VALUE = "@" + DEPRECATED_SINCE.getEpochSecond();

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    private final Map<Method, Optional<String>> successors = new ConcurrentHashMap<>();

    @ServerResponseFilter
    @DeprecatedEndpoint
    public void announce(ContainerResponseContext response, ResourceInfo resource, UriInfo uri) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle(DEPRECATION, DEPRECATION_VALUE);
        Method method = resource.getResourceMethod();
        Optional<String> successor = method == null ? successorOf(null, resource.getResourceClass())
                : successors.computeIfAbsent(method, m -> successorOf(m, resource.getResourceClass()));
        successor.ifPresent(template -> headers.add(LINK, link(expand(template, uri.getPathParameters()))));
    }

    static String link(String target) {
        return "<" + target + ">; rel=\"successor-version\"";
    }

    /** Fills each {@code {name}} of {@code template} with the path parameter {@code name}, encoded. */
    static String expand(String template, MultivaluedMap<String, String> pathParameters) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            List<String> values = pathParameters.get(matcher.group(1));
            String value = values == null || values.isEmpty() ? matcher.group()
                    : URLEncoder.encode(values.get(0), StandardCharsets.UTF_8).replace("+", "%20");
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The method's successor, else the class's. */
    static Optional<String> successorOf(Method method, Class<?> resourceClass) {
        return Stream.of(method == null ? null : method.getAnnotation(DeprecatedEndpoint.class),
                resourceClass == null ? null : resourceClass.getAnnotation(DeprecatedEndpoint.class))
                .filter(Objects::nonNull).map(DeprecatedEndpoint::successor).filter(s -> !s.isEmpty()).findFirst();
    }
}
