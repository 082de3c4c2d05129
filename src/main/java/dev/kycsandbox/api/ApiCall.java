package dev.kycsandbox.api;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;

/**
 * Who a request to connectFi's API is about, as the journal records it and fault rules match it:
 * its route template ({@code POST /customer/kyc/upload/{customerId}/{documentId}}), the tenant of
 * its token, and the customer it names in its path or query.
 */
public record ApiCall(String route, String tenantId, String customerId) {

    private static final Map<Method, String> PATHS = new ConcurrentHashMap<>();
    private static final String[] OWN_PREFIXES = { "/sandbox", "/console", "/q/" };

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
