package dev.kycsandbox.api;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.HttpObjectDecoder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Errors raised below the REST layer, before any resource or exception mapper runs (a body over
 * the size limit), answered in the same connectFi envelope as
 * everything else instead of the HTTP layer's empty or HTML bodies.
 * <p>
 * Also refuses, with 503 {@code serviceUnavailable}, the requests that arrive once the JVM is
 * shutting down (SIGTERM): Quarkus still lets requests in progress finish for
 * {@code quarkus.shutdown.timeout}, but would serve new ones too (only closing their connection),
 * so the refusal is the sandbox's own. A JVM shutdown hook raises the flag; once every request in
 * progress has finished, Quarkus closes the port and later clients get a connection refused.
 */
@Singleton
public class HttpLayerErrors {

    private static final Logger LOG = Logger.getLogger(HttpLayerErrors.class);

    private static final String READ_BODY_INTO_MEMORY = HttpLayerErrors.class.getName() + ".readBodyIntoMemory";
    private static final String ANSWERED_ERROR = HttpLayerErrors.class.getName() + ".answeredError";

    private final long maxBodySize;
    private final MeterRegistry registry;
    private final BodyHandler smallBodies;
    private final Thread shutdownHook = new Thread(() -> shuttingDown = true, "sandbox-shutdown-gate");
    private volatile boolean shuttingDown;

    public HttpLayerErrors(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            MeterRegistry registry) {
        this.maxBodySize = maxBodySize.asLongValue();
        this.registry = registry;
        this.smallBodies = BodyHandler.create(false).setBodyLimit(this.maxBodySize);
    }

    void register(@Observes Filters filters) {
        // after the request id (1000), before the HTTP layer's own size check answers with no body
        filters.register(this::refuseDeclaredOversizeBody, 900);
        filters.register(this::refuseDuringShutdown, 950);
        filters.register(this::refuseUnknownProtocol, 960);
    }

    void watchShutdown(@Observes StartupEvent started) {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    void stopWatchingShutdown(@Observes ShutdownEvent stopping) {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook); // an application stopped without the JVM (tests, dev mode)
        } catch (IllegalStateException jvmShuttingDown) {
            // the hook has run or is running: nothing to undo
        }
    }

    private void refuseDuringShutdown(RoutingContext rc) {
        if (shuttingDown) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            send(rc, ErrorCode.SERVICE_UNAVAILABLE.status(), ErrorBody.of(ErrorCode.SERVICE_UNAVAILABLE, RequestIdFilter.of(rc)));
            return;
        }
        rc.next();
    }

    /**
     * A request line whose protocol is not HTTP/1.0 or 1.1 ({@code POST /customer/init HTTJ/1.1})
     * is malformed: 400, as RFC 9112 asks, rather than whatever the route would answer. (HTTP/2
     * requests have their own version; Vert.x gives no version for an unknown protocol name.)
     */
    private void refuseUnknownProtocol(RoutingContext rc) {
        if (rc.request().version() == null) {
            send(rc, ErrorCode.BAD_REQUEST.status(), new ErrorBody(RequestIdFilter.of(rc), ErrorCode.BAD_REQUEST.code(), null,
                    "Bad request. The request line names no supported HTTP version"));
            return;
        }
        rc.next();
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::answerFailure);
        // after the HTTP layer's size check (order -2), before the upload receiver (0) and the REST layer
        router.route().order(-1).handler(this::boundStreamedBody);
    }

    /**
     * A body sent without Content-Length is counted while it streams in. Past the limit, the REST
     * layer's raw stream would answer 413 itself, with an empty body, before any mapper can run.
     * So a multipart body is left to the upload receiver, which streams an upload's file to disk
     * and counts the body itself (any other multipart request is refused unread), and any other
     * body (JSON: small by nature) is read here, before the REST layer, by a body handler whose
     * 413 goes through {@link #answerFailure} into the envelope; the REST layer then reads it
     * from memory. A body of known length is read here too when a filter asked for it
     * ({@link #readBodyIntoMemory}), so that it can still be seen once the request is answered.
     */
    private void boundStreamedBody(RoutingContext rc) {
        boolean multipart = UploadRoutes.isMultipart(rc.request().getHeader(HttpHeaders.CONTENT_TYPE));
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        // an empty body is left alone: the body handler would record none, and the REST layer
        // would then wait on the request's already ended stream
        boolean read = length == null || (rc.get(READ_BODY_INTO_MEMORY) != null && !"0".equals(length));
        if (!multipart && carriesBody(rc.request().method()) && !rc.request().isEnded() && read) {
            smallBodies.handle(rc);
        } else {
            rc.next();
        }
    }

    /**
     * Asks for {@code rc}'s body (unless multipart) to be read into memory before the REST layer,
     * where it stays readable after the answer (the request journal records it). For a filter
     * that runs before the routes.
     */
    public static void readBodyIntoMemory(RoutingContext rc) {
        rc.put(READ_BODY_INTO_MEMORY, Boolean.TRUE);
    }

    /**
     * Only these methods' bodies are read. (Over HTTP/2 a GET is not yet ended when the routes
     * run: reading its empty body here left the REST layer a request "already read", a 500.)
     */
    private static boolean carriesBody(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }

    private void refuseDeclaredOversizeBody(RoutingContext rc) {
        String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && parseLength(declared) > maxBodySize) {
            UploadMetrics.countRefusedBeforeEndpoint(registry, rc.normalizedPath(), ErrorCode.PAYLOAD_TOO_LARGE);
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            send(rc, ErrorCode.PAYLOAD_TOO_LARGE.status(), tooLarge(RequestIdFilter.of(rc)));
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
            body = tooLarge(requestId);
        } else if ((status >= 400 && status < 500) || undecodable(rc.failure())) {
            status = 400;
            body = new ErrorBody(requestId, ErrorCode.BAD_REQUEST.code(), null, "Bad request. Malformed request");
        } else {
            // e.g. spooling an upload onto a full disk (507); anything else is a bug (500)
            ErrorCode code = ResourceFailures.classifyAndLog(rc.failure(), requestId, LOG);
            status = code.status();
            body = ErrorBody.of(code, requestId);
        }
        send(rc, status, body);
    }

    /**
     * A request the HTTP decoder could not parse once the routes had begun (a chunk size that is
     * no number): the client's mistake, not the sandbox's.
     */
    private static boolean undecodable(Throwable failure) {
        if (failure instanceof DecoderException) {
            return true;
        }
        for (StackTraceElement frame : failure == null ? new StackTraceElement[0] : failure.getStackTrace()) {
            if (frame.getClassName().equals(HttpObjectDecoder.class.getName())) {
                return true;
            }
        }
        return false;
    }

    /** 413, stating the limit: a client can tell how far over it was. */
    private ErrorBody tooLarge(String requestId) {
        return new ErrorBody(requestId, ErrorCode.PAYLOAD_TOO_LARGE.code(), null,
                "The request body exceeds the limit of " + maxBodySize + " bytes");
    }

    /**
     * Also sets {@code x-request-id}: a request the router refuses before any filter ran (a
     * malformed Host header) has its id only from here.
     */
    static void send(RoutingContext rc, int status, ErrorBody body) {
        String json = Json.encode(body);
        rc.put(ANSWERED_ERROR, json);
        rc.response().setStatusCode(status)
                .putHeader(RequestIdFilter.HEADER, body.requestId())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(json);
    }

    /** The error envelope this layer answered {@code rc} with, if it did (read on the event loop that answered). */
    public static String answeredError(RoutingContext rc) {
        return rc.get(ANSWERED_ERROR);
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1; // the HTTP codec rejects a malformed Content-Length itself
        }
    }
}
