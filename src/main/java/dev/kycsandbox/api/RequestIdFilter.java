package dev.kycsandbox.api;

import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request its connectFi {@code requestId}: set at the HTTP layer (so errors raised
 * before any resource runs carry one too), sent back as {@code x-request-id}, stamped into the
 * response envelope, and written in one access-log line per request. It is also the MDC key
 * {@value #MDC_KEY} for as long as the request runs (Quarkus keeps the MDC in the request's own
 * Vert.x context, so it follows the request onto worker threads), so that every log line of the
 * request carries it, as a field of its own when the logs are JSON ({@code quarkus.log.console.json.enabled}).
 */
@Singleton
public class RequestIdFilter {

    public static final String HEADER = "x-request-id";
    public static final String MDC_KEY = "requestId";
    private static final String KEY = "connectfi.requestId";
    private static final Logger ACCESS_LOG = Logger.getLogger("dev.kycsandbox.access");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    void register(@Observes Filters filters) {
        filters.register(this::assignRequestId, 1000);
    }

    private void assignRequestId(RoutingContext rc) {
        String id = newRequestId();
        long start = System.nanoTime();
        rc.put(KEY, id);
        rc.response().putHeader(HEADER, id);
        if (VertxContext.isOnDuplicatedContext()) {
            MDC.put(MDC_KEY, id); // the request's own context: gone with the request
        }
        rc.addBodyEndHandler(ignored -> withRequestId(id, () -> ACCESS_LOG.infof("%s %s %d %.1fms requestId=%s",
                rc.request().method(), rc.request().path(), rc.response().getStatusCode(),
                (System.nanoTime() - start) / 1e6, id)));
        rc.next();
    }

    /** Runs {@code action} with {@code id} in the MDC, whatever thread or context it runs on. */
    private static void withRequestId(String id, Runnable action) {
        Object previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, id);
        try {
            action.run();
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }

    /** The id of the request {@code rc} belongs to; a fresh one if the filter did not run. */
    public static String of(RoutingContext rc) {
        String id = rc == null ? null : rc.get(KEY);
        return id != null ? id : newRequestId();
    }

    /** 32 lowercase hex characters, like connectFi's. Not a secret, so no SecureRandom. */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[32];
        for (int i = 0; i < out.length; i++) {
            out[i] = HEX[random.nextInt(16)];
        }
        return new String(out);
    }

    @ServerResponseFilter
    public void stampEnvelope(ContainerRequestContext request, ContainerResponseContext response, RoutingContext rc) {
        if (response.getEntity() instanceof Envelope<?> envelope) {
            response.setEntity(envelope.withRequestId(of(rc)));
        }
    }
}
