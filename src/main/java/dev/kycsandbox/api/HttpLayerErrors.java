package dev.kycsandbox.api;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Errors raised below the REST layer, before any resource or exception mapper runs (a body over
 * the size limit, a malformed multipart stream), answered in the same connectFi envelope as
 * everything else instead of the HTTP layer's empty or HTML bodies.
 */
@Singleton
public class HttpLayerErrors {

    private static final Logger LOG = Logger.getLogger(HttpLayerErrors.class);

    private final long maxBodySize;

    public HttpLayerErrors(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void register(@Observes Filters filters) {
        // after the request id (1000), before the HTTP layer's own size check answers with no body
        filters.register(this::refuseDeclaredOversizeBody, 900);
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::answerFailure);
    }

    private void refuseDeclaredOversizeBody(RoutingContext rc) {
        String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && parseLength(declared) > maxBodySize) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            send(rc, ErrorCode.PAYLOAD_TOO_LARGE.status(), ErrorBody.of(ErrorCode.PAYLOAD_TOO_LARGE, RequestIdFilter.of(rc)));
            return;
        }
        rc.next();
    }

    private void answerFailure(RoutingContext rc) {
        if (rc.response().ended() || rc.response().headWritten()) {
            return;
        }
        String requestId = RequestIdFilter.of(rc);
        ErrorBody body;
        int status = rc.statusCode();
        if (status == 413) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            body = ErrorBody.of(ErrorCode.PAYLOAD_TOO_LARGE, requestId);
        } else if (status >= 400 && status < 500) {
            status = 400;
            body = new ErrorBody(requestId, ErrorCode.BAD_REQUEST.code(), null, "Bad request. Malformed request");
        } else {
            status = 500;
            LOG.errorf(rc.failure(), "Unexpected failure in the HTTP layer, requestId=%s", requestId);
            body = ErrorBody.of(ErrorCode.INTERNAL_ERROR, requestId);
        }
        send(rc, status, body);
    }

    private static void send(RoutingContext rc, int status, ErrorBody body) {
        rc.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.encode(body));
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1; // the HTTP codec rejects a malformed Content-Length itself
        }
    }
}
