package dev.kycsandbox.api;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Cuts off a client still sending its request body after {@code sandbox.http.body-timeout}: 408
 * {@code requestTimeout} in the envelope if nothing was answered yet, and the connection is
 * closed. Without it a client trickling one byte at a time would hold a connection, and a worker
 * thread blocked reading its upload, for as long as it likes.
 */
@Singleton
public class RequestBodyDeadline {

    private static final Logger LOG = Logger.getLogger(RequestBodyDeadline.class);

    private final long timeoutMillis;

    public RequestBodyDeadline(HttpConfig config) {
        this.timeoutMillis = config.bodyTimeout().toMillis();
    }

    void register(@Observes Filters filters) {
        filters.register(this::armDeadline, 990); // right after the request id (1000)
    }

    private void armDeadline(RoutingContext rc) {
        if (!rc.request().isEnded()) {
            long timer = rc.vertx().setTimer(timeoutMillis, ignored -> cutOff(rc));
            rc.addEndHandler(ignored -> rc.vertx().cancelTimer(timer));
        }
        rc.next();
    }

    private void cutOff(RoutingContext rc) {
        if (rc.request().isEnded()) {
            return; // the body is in: the answer may take as long as it takes
        }
        LOG.debugf("Request body not received within %d ms, requestId=%s", timeoutMillis, RequestIdFilter.of(rc));
        if (!rc.response().headWritten()) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            HttpLayerErrors.send(rc, ErrorCode.REQUEST_TIMEOUT.status(),
                    ErrorBody.of(ErrorCode.REQUEST_TIMEOUT, RequestIdFilter.of(rc)));
        }
        rc.request().connection().close();
    }
}
