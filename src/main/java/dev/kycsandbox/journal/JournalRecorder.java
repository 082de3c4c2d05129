package dev.kycsandbox.journal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import dev.kycsandbox.api.ApiCall;
import dev.kycsandbox.api.HttpLayerErrors;
import dev.kycsandbox.api.RequestIdFilter;
import dev.kycsandbox.api.Timestamps;
import dev.kycsandbox.upload.ReceivedUpload;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.RoutingContext;

/**
 * Records every request to connectFi's API in the {@link RequestJournal}, at the HTTP layer, so
 * that uploads (taken in by the upload receiver before the REST layer) and requests refused before
 * any resource runs are recorded as well. Where the REST layer matched the request,
 * {@link JournalTags} adds its route, tenant and customer.
 *
 * <p>The HTTP layer reads a recorded request's JSON body into memory
 * ({@link HttpLayerErrors#readBodyIntoMemory}), where the REST layer then reads it and the journal
 * finds it afterwards; a multipart body is left to the upload receiver, and only its file's size
 * and SHA-256 are recorded.
 */
@Singleton
public class JournalRecorder {

    public static final String FAULT_HEADER = "x-sandbox-fault";
    private static final String KEY = JournalRecorder.class.getName();
    private static final String REDACTED = "***";
    private static final List<String> SECRET_WORDS = List.of("token", "password", "secret", "authorization", "cookie");
    /** A JSON string member whose name says it is a secret, e.g. {@code "password":"…"}: its value is redacted. */
    private static final Pattern SECRET_JSON_MEMBER = Pattern.compile(
            "(\"[^\"\\\\]*(?:token|password|secret)[^\"\\\\]*\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"?",
            Pattern.CASE_INSENSITIVE);

    private final RequestJournal journal;
    private final int bodyLimit;

    public JournalRecorder(RequestJournal journal, JournalConfig config) {
        this.journal = journal;
        this.bodyLimit = Math.max(0, config.bodyLimit());
    }

    void register(@Observes Filters filters) {
        if (journal.enabled()) {
            // after the request id (1000), before the body deadline (990) and the HTTP layer's refusals
            filters.register(this::capture, 995);
        }
    }

    /**
     * Records that {@code rc}'s connection is being reset by a fault: whatever the HTTP layer says,
     * it got no answer. (On the capture, not in {@code rc}'s data, which is no place to write from
     * another thread than the event loop that reads it.)
     */
    public static void markReset(RoutingContext rc) {
        Capture capture = of(rc);
        if (capture != null) {
            capture.reset = true;
        }
    }

    /** Keeps the body of an error answer (its JSON envelope) with {@code rc}'s entry, if it is recorded. */
    static void recordErrorBody(RoutingContext rc, String json) {
        Capture capture = of(rc);
        if (capture != null) {
            capture.errorBody = json;
        }
    }

    /** Adds what only the REST layer knows (route template, tenant, customer) to {@code rc}'s entry, if it is recorded. */
    public static void tag(RoutingContext rc, ApiCall call) {
        Capture capture = of(rc);
        if (capture != null) {
            capture.call = call;
        }
    }

    /** The request {@code rc} as being recorded, if it is one the journal records. */
    private static Capture of(RoutingContext rc) {
        return rc == null ? null : rc.get(KEY);
    }

    private void capture(RoutingContext rc) {
        if (ApiCall.isConnectFi(rc.normalizedPath())) {
            Capture capture = new Capture(rc);
            rc.put(KEY, capture);
            HttpLayerErrors.readBodyIntoMemory(rc);
            rc.addEndHandler(ignored -> journal.add(capture.finish(rc)));
        }
        rc.next();
    }

    static List<JournalEntry.Header> redacted(MultiMap headers) {
        List<JournalEntry.Header> list = new ArrayList<>(headers.size());
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            list.add(new JournalEntry.Header(name, isSecret(name) ? REDACTED : header.getValue()));
        }
        return list;
    }

    private static boolean isSecret(String headerName) {
        for (String word : SECRET_WORDS) {
            if (headerName.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** The body as text, cut to the limit, with secret JSON members redacted (truncated ones too). */
    String redactedBody(Buffer body) {
        int kept = Math.min(body.length(), bodyLimit);
        String text = new String(body.getBytes(0, kept), StandardCharsets.UTF_8);
        return SECRET_JSON_MEMBER.matcher(text).replaceAll("$1\"" + REDACTED + "\"");
    }

    /** What is known of one request while it runs. */
    final class Capture {

        private final Instant startedAt = Instant.now();
        private final long started = System.nanoTime();
        private final String requestId;
        private final List<JournalEntry.Header> requestHeaders;
        volatile ApiCall call;
        volatile boolean reset;
        volatile String errorBody;

        Capture(RoutingContext rc) {
            this.requestId = RequestIdFilter.of(rc);
            this.requestHeaders = redacted(rc.request().headers());
        }

        JournalEntry finish(RoutingContext rc) {
            double durationMs = Math.round((System.nanoTime() - started) / 10_000.0) / 100.0;
            RequestBody body = rc.body();
            Buffer bytes = body == null ? null : body.buffer();
            boolean answered = rc.response().ended() && !reset;
            JournalEntry.UploadedFile file = ReceivedUpload.receivedFileOf(rc)
                    .map(f -> new JournalEntry.UploadedFile(f.size(), f.sha256(), f.type() == null ? null : f.type().extension()))
                    .orElse(null);
            ApiCall known = call;
            String customerId = known == null ? null : known.customerId();
            String text = bytes == null ? null : redactedBody(bytes);
            if (customerId == null && text != null) {
                customerId = ApiCall.customerNamedIn(text);
            }
            return new JournalEntry(0, requestId, Timestamps.format(startedAt), rc.request().method().name(),
                    rc.request().path(), rc.request().query(), known == null ? null : known.route(),
                    answered ? rc.response().getStatusCode() : 0, durationMs,
                    known == null ? null : known.tenantId(), customerId,
                    rc.response().headers().get(FAULT_HEADER), requestHeaders,
                    text, bytes == null ? 0 : bytes.length(),
                    bytes != null && bytes.length() > bodyLimit, file,
                    answered ? redacted(rc.response().headers()) : List.of(),
                    answered ? errorBodyOf(rc) : null, rc.response().bytesWritten());
        }

        /** The error envelope answered: by the REST layer (recorded by {@link JournalTags}) or by the HTTP layer. */
        private String errorBodyOf(RoutingContext rc) {
            String body = errorBody != null ? errorBody : HttpLayerErrors.answeredError(rc);
            return body == null || rc.response().getStatusCode() < 400 ? null : body;
        }
    }
}
