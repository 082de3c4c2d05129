package dev.kycsandbox.console;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.kycsandbox.akepa.AkepaService;
import dev.kycsandbox.akepa.Outcome;
import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.console.ConsoleViews.CustomerPage;
import dev.kycsandbox.console.ConsoleViews.Page;
import dev.kycsandbox.console.ConsoleViews.TenantPage;
import dev.kycsandbox.console.ConsoleViews.TenantRow;
import dev.kycsandbox.fault.FaultRequest;
import dev.kycsandbox.fault.FaultRules;
import dev.kycsandbox.fault.FaultView;
import dev.kycsandbox.journal.Har;
import dev.kycsandbox.journal.JournalEntry;
import dev.kycsandbox.journal.JournalQuery;
import dev.kycsandbox.journal.RequestJournal;
import dev.kycsandbox.kyc.KycService;
import dev.kycsandbox.kyc.KycStatus;
import dev.kycsandbox.sandbox.StoredDocuments;
import dev.kycsandbox.storage.FileType;
import dev.kycsandbox.webhook.WebhookService;
import dev.kycsandbox.webhook.WebhookView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The operator console, served by the sandbox itself: server-side pages (Qute, everything escaped)
 * and one small script for the journal's live view, no build step, nothing from elsewhere. A
 * browser logs in once with the admin token; every action (a decision, a fault rule) goes through
 * the same service as the admin API, and every state-changing form carries the session's CSRF
 * token. Pages and previews are sent with the security headers configured for {@code /console/*}.
 */
@Path("/console")
public class ConsoleResource {

    static final String COOKIE = "kyc_console";
    private static final String CSRF = "csrf";
    /** Types a browser shows as an image without running anything in them; the rest is only downloaded. */
    private static final Set<FileType> PREVIEWABLE = Set.of(FileType.PNG, FileType.JPEG, FileType.WEBP);

    private final ConsoleSessions sessions;
    private final ConsoleQueries queries;
    private final KycService kyc;
    private final AkepaService akepa;
    private final StoredDocuments documents;
    private final RequestJournal journal;
    private final FaultRules faults;
    private final Validator validator;
    private final String version;
    private final WebhookService webhooks;

    public ConsoleResource(ConsoleSessions sessions, ConsoleQueries queries, KycService kyc, AkepaService akepa,
            StoredDocuments documents, RequestJournal journal, FaultRules faults, Validator validator, WebhookService webhooks,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.akepa = akepa;
        this.webhooks = webhooks;
        this.version = version;
        this.sessions = sessions;
        this.queries = queries;
        this.kyc = kyc;
        this.documents = documents;
        this.journal = journal;
        this.faults = faults;
        this.validator = validator;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String next, boolean failed);

        static native TemplateInstance tenants(Page page, List<TenantRow> tenants);

        static native TemplateInstance tenant(Page page, TenantPage tenant);

        static native TemplateInstance customer(Page page, CustomerPage customer, String notice);

        static native TemplateInstance requests(Page page, boolean enabled, String customerId, String status, String route);

        static native TemplateInstance faults(Page page, List<FaultView> faults, String notice);

        static native TemplateInstance missing(Page page, String what, String id);
    }

    static boolean isPreviewable(FileType type) {
        return type != null && PREVIEWABLE.contains(type);
    }

    // ---- login -----------------------------------------------------------------------------

    @GET
    public Response home() {
        return seeOther("/console/tenants");
    }

    @GET
    @Path("/login")
    @Produces(MediaType.TEXT_HTML)
    public Response loginPage(@QueryParam("next") String next, @QueryParam("failed") boolean failed,
            @CookieParam(COOKIE) String sessionId) {
        if (sessions.find(sessionId).isPresent()) {
            return seeOther(safeNext(next));
        }
        return Response.ok(Templates.login(safeNext(next), failed)).build();
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@FormParam("token") String token, @FormParam("next") String next, @Context UriInfo uri) {
        Optional<ConsoleSessions.Session> session = sessions.login(token);
        if (session.isEmpty()) {
            return Response.seeOther(UriBuilder.fromPath("/console/login").queryParam("failed", "true")
                    .queryParam("next", safeNext(next)).build()).build();
        }
        return Response.seeOther(URI.create(safeNext(next))).cookie(cookie(session.get().id, -1, uri)).build();
    }

    @POST
    @Path("/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(@CookieParam(COOKIE) String sessionId, @FormParam(CSRF) String csrf, @Context UriInfo uri) {
        sessions.logout(requireForm(sessionId, csrf));
        return Response.seeOther(URI.create("/console/login")).cookie(cookie("", 0, uri)).build();
    }

    // ---- tenants and customers -------------------------------------------------------------

    @GET
    @Path("/tenants")
    @Produces(MediaType.TEXT_HTML)
    public Response tenants(@CookieParam(COOKIE) String sessionId) {
        return page(sessionId, "/console/tenants", page -> Templates.tenants(page.section("tenants"), queries.tenants()));
    }

    @GET
    @Path("/tenants/{tenantId}")
    @Produces(MediaType.TEXT_HTML)
    public Response tenant(@PathParam("tenantId") String tenantId, @CookieParam(COOKIE) String sessionId) {
        return page(sessionId, "/console/tenants/" + tenantId, page -> queries.tenant(tenantId)
                .map(tenant -> Templates.tenant(page.section("tenants"), tenant))
                .orElseGet(() -> Templates.missing(page.section("tenants"), "tenant", tenantId)));
    }

    /** The tenants page's "open a customer by id" form. */
    @GET
    @Path("/customers")
    public Response openCustomer(@QueryParam("id") String customerId) {
        String id = customerId == null ? "" : customerId.trim();
        return id.matches("^[0-9A-Za-z_]{1,36}$") ? seeOther("/console/customers/" + id) : seeOther("/console/tenants");
    }

    /** The deep link a bug report carries. */
    @GET
    @Path("/customers/{customerId}")
    @Produces(MediaType.TEXT_HTML)
    public Response customer(@PathParam("customerId") String customerId, @QueryParam("notice") String notice,
            @CookieParam(COOKIE) String sessionId) {
        return page(sessionId, "/console/customers/" + customerId, page -> queries.customer(customerId)
                .map(customer -> Templates.customer(page.section("tenants"), customer, Notices.text(notice)))
                .orElseGet(() -> Templates.missing(page.section("tenants"), "customer", customerId)));
    }

    /** The admin API's decision, through the same service and transaction. */
    @POST
    @Path("/customers/{customerId}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("customerId") String customerId, @FormParam("status") String status,
            @CookieParam(COOKIE) String sessionId, @FormParam(CSRF) String csrf) {
        requireForm(sessionId, csrf);
        if (!"APPROVED".equals(status) && !"REJECTED".equals(status)) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "Bad request. status must be APPROVED or REJECTED");
        }
        return afterDecision(customerId, () -> kyc.decide(customerId, KycStatus.valueOf(status)));
    }

    /** The admin API's Akepa decision (the customer's latest application), through the same service and transaction. */
    @POST
    @Path("/customers/{customerId}/akepa-decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decideApplication(@PathParam("customerId") String customerId, @FormParam("outcome") String outcome,
            @CookieParam(COOKIE) String sessionId, @FormParam(CSRF) String csrf) {
        requireForm(sessionId, csrf);
        Outcome decided = Outcome.fromWireName(outcome).orElseThrow(
                () -> new ApiException(ErrorCode.BAD_REQUEST, "Bad request. outcome must be Approved or Denied"));
        return afterDecision(customerId, () -> akepa.decide(customerId, decided));
    }

    /** Back to the customer's page, saying whether the decision was taken or why it was refused. */
    private static Response afterDecision(String customerId, Runnable decision) {
        String notice;
        try {
            decision.run();
            notice = "decided";
        } catch (ApiException refused) {
            notice = refused.errorCode().code();
        }
        return seeOther(UriBuilder.fromPath("/console/customers/{id}").queryParam("notice", notice)
                .build(customerId).toString());
    }

    /** The admin API's redelivery, through the same service. */
    @POST
    @Path("/webhooks/{webhookId}/redeliver")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response redeliver(@PathParam("webhookId") String webhookId, @CookieParam(COOKIE) String sessionId,
            @FormParam(CSRF) String csrf) {
        requireForm(sessionId, csrf);
        WebhookView webhook = webhooks.redeliver(webhookId);
        return seeOther(UriBuilder.fromPath("/console/customers/{id}").queryParam("notice", "redelivering")
                .build(webhook.customerId()).toString());
    }

    // ---- documents ---------------------------------------------------------------------------

    /** An image shown inline: only types a browser renders as pictures, never SVG, HTML or PDF. */
    @GET
    @Path("/documents/{documentId}/preview")
    public Response preview(@PathParam("documentId") String documentId, @CookieParam(COOKIE) String sessionId) {
        requireSession(sessionId);
        StoredDocuments.Opened document = documents.open(documentId);
        if (!isPreviewable(document.blob().type())) {
            closeQuietly(document);
            throw new ApiException(ErrorCode.DOCUMENT_NOT_FOUND, "No preview for this type of document").withStatus(404);
        }
        return Response.ok(document.bytes(), document.blob().type().mediaType())
                .header(HttpHeaders.CONTENT_LENGTH, document.blob().size())
                .header("Content-Disposition", "inline")
                .header("Cache-Control", "private, no-store")
                .build();
    }

    @GET
    @Path("/documents/{documentId}/download")
    public Response download(@PathParam("documentId") String documentId, @CookieParam(COOKIE) String sessionId) {
        requireSession(sessionId);
        StoredDocuments.Opened document = documents.open(documentId);
        return Response.ok(document.bytes(), MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_LENGTH, document.blob().size())
                .header("Content-Disposition", "attachment; filename=\"" + documentId + "." + document.blob().type().extension() + "\"")
                .build();
    }

    // ---- the journal -------------------------------------------------------------------------

    @GET
    @Path("/requests")
    @Produces(MediaType.TEXT_HTML)
    public Response requests(@QueryParam("customerId") String customerId, @QueryParam("status") String status,
            @QueryParam("route") String route, @CookieParam(COOKIE) String sessionId) {
        return page(sessionId, "/console/requests", page -> Templates.requests(page.section("requests"), journal.enabled(),
                customerId, status, route));
    }

    /** What the live view polls: entries newer than {@code after}, filtered like the admin API's. */
    @GET
    @Path("/requests.json")
    @Produces(MediaType.APPLICATION_JSON)
    public List<JournalEntry> requestsJson(@QueryParam("limit") String limit, @QueryParam("customerId") String customerId,
            @QueryParam("status") String status, @QueryParam("route") String route, @QueryParam("after") String after,
            @CookieParam(COOKIE) String sessionId) {
        requireSession(sessionId);
        return JournalQuery.parse(limit, customerId, status, route, after).run(journal);
    }

    @GET
    @Path("/requests.har")
    @Produces(MediaType.APPLICATION_JSON)
    public Response requestsHar(@QueryParam("customerId") String customerId, @QueryParam("status") String status,
            @QueryParam("route") String route, @CookieParam(COOKIE) String sessionId) {
        requireSession(sessionId);
        List<JournalEntry> entries = JournalQuery.parse(null, customerId, status, route, null).run(journal);
        return Response.ok(Har.of(entries, version))
                .header("Content-Disposition", "attachment; filename=\"kyc-sandbox.har\"").build();
    }

    // ---- faults --------------------------------------------------------------------------------

    @GET
    @Path("/faults")
    @Produces(MediaType.TEXT_HTML)
    public Response faultsPage(@QueryParam("notice") String notice, @CookieParam(COOKIE) String sessionId) {
        return page(sessionId, "/console/faults", page -> Templates.faults(page.section("faults"), faults.list(),
                Notices.text(notice)));
    }

    @POST
    @Path("/faults")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createFault(@CookieParam(COOKIE) String sessionId, @FormParam(CSRF) String csrf,
            @FormParam("route") String route, @FormParam("tenantId") String tenantId,
            @FormParam("customerId") String customerId, @FormParam("times") String times,
            @FormParam("probability") String probability, @FormParam("action") String action,
            @FormParam("latencyMs") String latencyMs, @FormParam("latencyMaxMs") String latencyMaxMs,
            @FormParam("status") String status, @FormParam("retryAfterSeconds") String retryAfterSeconds,
            @FormParam("storedThenFailed") String storedThenFailed, @FormParam("stallMs") String stallMs) {
        requireForm(sessionId, csrf);
        String notice = "faultCreated";
        try {
            FaultRequest request = new FaultRequest(blank(route), blank(tenantId), blank(customerId), integer(times),
                    decimal(probability), blank(action), integer(latencyMs), integer(latencyMaxMs), integer(status),
                    integer(retryAfterSeconds), storedThenFailed == null ? null : Boolean.TRUE, integer(stallMs));
            Set<ConstraintViolation<FaultRequest>> violations = validator.validate(request);
            if (!violations.isEmpty()) {
                throw new ApiException(ErrorCode.BAD_REQUEST, "Bad request");
            }
            faults.create(request);
        } catch (ApiException | NumberFormatException refused) {
            notice = "faultRefused";
        }
        return seeOther("/console/faults?notice=" + notice);
    }

    @POST
    @Path("/faults/{faultId}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deleteFault(@PathParam("faultId") String faultId, @CookieParam(COOKIE) String sessionId,
            @FormParam(CSRF) String csrf) {
        requireForm(sessionId, csrf);
        faults.delete(faultId);
        return seeOther("/console/faults");
    }

    @POST
    @Path("/faults/reset")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resetFaults(@CookieParam(COOKIE) String sessionId, @FormParam(CSRF) String csrf) {
        requireForm(sessionId, csrf);
        faults.reset();
        return seeOther("/console/faults");
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private interface PageBody {
        TemplateInstance render(Page page);
    }

    /** The page, or the login page when the browser has no session (then back here). */
    private Response page(String sessionId, String here, PageBody body) {
        Optional<ConsoleSessions.Session> session = sessions.find(sessionId);
        if (session.isEmpty()) {
            return Response.seeOther(UriBuilder.fromPath("/console/login").queryParam("next", here).build()).build();
        }
        return Response.ok(body.render(new Page(session.get().csrf(), null))).build();
    }

    /** The session of a request that reads data: 401 {@code unauthorized} without one. */
    private ConsoleSessions.Session requireSession(String sessionId) {
        return sessions.find(sessionId).orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED));
    }

    /** The session of a form that changes state, which must carry the session's CSRF token: 403 otherwise. */
    private ConsoleSessions.Session requireForm(String sessionId, String csrf) {
        ConsoleSessions.Session session = requireSession(sessionId);
        if (!session.acceptsCsrf(csrf)) {
            throw new ApiException(ErrorCode.CSRF_REJECTED);
        }
        return session;
    }

    /** Where to go after login: a console page of this sandbox only, never another site. */
    static String safeNext(String next) {
        if (next != null && next.startsWith("/console/") && next.matches("^/console/[A-Za-z0-9_./?=&%-]*$")
                && !next.contains("..") && !next.startsWith("/console/login")) {
            return next;
        }
        return "/console/tenants";
    }

    /** Secure when the console is served over TLS: a plain-HTTP sandbox on a laptop must still keep its session. */
    private static NewCookie cookie(String value, int maxAge, UriInfo uri) {
        return new NewCookie.Builder(COOKIE).value(value).path("/console").httpOnly(true)
                .secure("https".equals(uri.getBaseUri().getScheme()))
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }

    private static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    private static void closeQuietly(StoredDocuments.Opened document) {
        try {
            document.bytes().close();
        } catch (java.io.IOException ignored) {
            // a read-only handle: nothing to lose
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Integer integer(String value) {
        return blank(value) == null ? null : Integer.valueOf(value.trim());
    }

    private static Double decimal(String value) {
        return blank(value) == null ? null : Double.valueOf(value.trim());
    }
}
