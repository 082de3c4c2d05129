package dev.kycsandbox.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.hibernate.exception.DataException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.vertx.ext.web.RoutingContext;

/**
 * The one place where failures become connectFi error envelopes. Resources and services only
 * throw; nothing else formats an error body, and no body ever carries a stack trace.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    /** The message of the HTTP layer's IOException for a streamed body over the limit. */
    private static final String TOO_LARGE = "Request too large";
    /** PostgreSQL's SQLSTATE {@code character_not_in_repertoire}: a NUL in a text parameter. */
    private static final String UNSTORABLE_CHARACTER = "22021";

    @ServerExceptionMapper
    public Response apiException(ApiException e, RoutingContext rc) {
        ErrorBody body = ErrorBody.of(e, RequestIdFilter.of(rc));
        return e.status() == 413 ? closingConnection(413, body, rc) : respond(e.status(), body);
    }

    /** Bean Validation failures, reported as connectFi's AJV-style list in {@code context}. */
    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, RoutingContext rc) {
        List<Map<String, Object>> failures = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            failures.add(ValidationFailures.describe(violation));
        }
        failures.sort(ValidationFailures.ORDER);
        return respond(400, new ErrorBody(RequestIdFilter.of(rc), ErrorCode.REQUEST_VALIDATE_ERROR.code(), failures,
                ErrorCode.REQUEST_VALIDATE_ERROR.message()));
    }

    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class })
    public Response malformedJson(Exception e, RoutingContext rc) {
        return badRequest("Bad request. Malformed JSON body", rc);
    }

    /**
     * Reading the request body failed: it was truncated, or outgrew the size limit while streaming
     * in (the HTTP layer has then answered 413 already). Our own storage failures are
     * {@link java.io.UncheckedIOException}s and do not land here.
     */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e, RoutingContext rc) {
        LOG.debugf("Unreadable request body: %s", e.getMessage());
        if (TOO_LARGE.equals(e.getMessage())) {
            return payloadTooLarge(rc);
        }
        return badRequest("Bad request. Malformed or truncated request body", rc);
    }

    /** An unknown route; or, with a cause, a query or path parameter that does not convert (JAX-RS calls that 404 too). */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e, RoutingContext rc) {
        if (e.getCause() != null) {
            return badRequest("Bad request. Malformed parameter", rc);
        }
        return respond(404, ErrorBody.of(ErrorCode.ROUTE_NOT_FOUND, RequestIdFilter.of(rc)));
    }

    /**
     * PostgreSQL text cannot hold a NUL character: a JSON string or id carrying one is refused
     * when it reaches the database, whatever the query, as the client's malformed request.
     */
    @ServerExceptionMapper
    public Response notStorableText(DataException e, RoutingContext rc) {
        if (UNSTORABLE_CHARACTER.equals(e.getSQLState())) {
            return badRequest("Bad request. Text must not contain NUL characters", rc);
        }
        return unexpected(e, rc);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, RoutingContext rc) {
        return respond(405, ErrorBody.of(ErrorCode.METHOD_NOT_ALLOWED, RequestIdFilter.of(rc)));
    }

    /**
     * connectFi answers every malformed request with 400 badRequest, a wrong Content-Type included;
     * the message names the type the endpoint takes.
     */
    @ServerExceptionMapper
    public Response notSupported(NotSupportedException e, RoutingContext rc) {
        String expected = rc != null && UploadRoutes.isUpload(rc.normalizedPath())
                ? "multipart/form-data with one file part" : "application/json";
        return badRequest("Bad request. Unsupported Content-Type: expected " + expected, rc);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, RoutingContext rc) {
        int status = e.getResponse().getStatus();
        if (status == 413) {
            return payloadTooLarge(rc);
        }
        if (status >= 500) {
            return unexpected(e, rc);
        }
        return badRequest(hasCause(e, JsonProcessingException.class) ? "Bad request. Malformed JSON body" : "Bad request", rc);
    }

    /**
     * Anything else is a bug (500), except the two failures of the sandbox's own resources that a
     * client should retry later: the database is unreachable (503), the document root is full (507).
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, RoutingContext rc) {
        String requestId = RequestIdFilter.of(rc);
        ErrorCode code = ResourceFailures.classifyAndLog(e, requestId, LOG);
        return respond(code.status(), ErrorBody.of(code, requestId));
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Response payloadTooLarge(RoutingContext rc) {
        return closingConnection(413, ErrorBody.of(ErrorCode.PAYLOAD_TOO_LARGE, RequestIdFilter.of(rc)), rc);
    }

    /**
     * The rest of an oversized body is never read: the connection is closed once the answer is
     * sent, so the client is not left writing into a request nobody reads.
     */
    private static Response closingConnection(int status, ErrorBody body, RoutingContext rc) {
        if (rc != null) {
            rc.addEndHandler(ignored -> rc.request().connection().close());
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).header("Connection", "close").entity(body).build();
    }

    private static Response badRequest(String message, RoutingContext rc) {
        return respond(400, new ErrorBody(RequestIdFilter.of(rc), ErrorCode.BAD_REQUEST.code(), null, message));
    }

    static Response respond(int status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
