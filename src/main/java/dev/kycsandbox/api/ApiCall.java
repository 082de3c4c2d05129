package dev.kycsandbox.api;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;

import io.vertx.ext.web.RequestBody;

/**
 * Who a request to connectFi's API is about, as the journal records it and fault rules match it:
 * its route template ({@code POST /customer/kyc/upload/{customerId}/{documentId}}), the tenant of
 * its token, and the customer it names in its path or query, or else in its JSON body
 * ({@code /customer/kyc/init} and the like).
 */
public record ApiCall(String route, String tenantId, String customerId) {

    private static final Map<Method, String> PATHS = new ConcurrentHashMap<>();
    private static final String[] OWN_PREFIXES = { "/sandbox", "/console", "/q/" };
    private static final Pattern CUSTOMER_MEMBER = Pattern.compile("\"customerId\"\\s*:\\s*\"([0-9A-Za-z_]{1,36})\"");

    /** Whether {@code path} is one of connectFi's (not the sandbox's admin API, console or Quarkus' own). */
    public static boolean isConnectFi(String path) {
        if (path == null || path.equals("/q")) {
            return false;
        }
        for (String prefix : OWN_PREFIXES) {
            if (path.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    /** The call the REST layer matched; the tenant only once a token authenticated it. */
    public static ApiCall of(String httpMethod, ResourceInfo resource, UriInfo uri, Optional<String> tenantId) {
        String route = routeOf(httpMethod, resource);
        String customerId = uri.getPathParameters().getFirst("customerId");
        if (customerId == null) {
            customerId = uri.getQueryParameters().getFirst("customerId");
        }
        return new ApiCall(route, tenantId.orElse(null), customerId);
    }

    /** This call, with the customer its JSON body names when its path and query named none. */
    public ApiCall withCustomerOf(RequestBody body) {
        if (customerId != null || body == null || body.buffer() == null) {
            return this;
        }
        String named = customerNamedIn(body.asString());
        return named == null ? this : new ApiCall(route, tenantId, named);
    }

    /** The customer a JSON body names in its {@code customerId} member; null when none. */
    public static String customerNamedIn(CharSequence json) {
        Matcher named = CUSTOMER_MEMBER.matcher(json);
        return named.find() ? named.group(1) : null;
    }

    /** The route template the REST layer matched, {@code POST /customer/kyc/upload/{customerId}/{documentId}}; null when none. */
    public static String routeOf(String httpMethod, ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        return method == null ? null
                : httpMethod + " " + PATHS.computeIfAbsent(method, m -> pathOf(resource.getResourceClass(), m));
    }

    private static String pathOf(Class<?> resourceClass, Method method) {
        Path classPath = resourceClass.getAnnotation(Path.class);
        Path methodPath = method.getAnnotation(Path.class);
        return (classPath == null ? "" : classPath.value()) + (methodPath == null ? "" : methodPath.value());
    }
}
