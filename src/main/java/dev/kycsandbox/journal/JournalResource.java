package dev.kycsandbox.journal;

import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.kycsandbox.api.Envelope;
import dev.kycsandbox.api.OpenApiDocs;
import dev.kycsandbox.sandbox.AdminOnly;

/** The request journal, behind the admin credential. */
@Path("/sandbox/requests")
@AdminOnly
@Tag(name = OpenApiDocs.TAG_JOURNAL, description = "The last requests to connectFi's API, and the fault rules applied to them")
@SecurityRequirement(name = OpenApiDocs.ADMIN_TOKEN)
@APIResponse(responseCode = "401", description = OpenApiDocs.ADMIN_UNAUTHORIZED)
public class JournalResource {

    private final RequestJournal journal;

    public JournalResource(RequestJournal journal) {
        this.journal = journal;
    }

    public record JournalList(boolean enabled, List<JournalEntry> requests) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List the last requests", description = "The journal of the last requests to connectFi's"
            + " API (`sandbox.journal.size` of them), newest first: time, method, route and path, status, duration,"
            + " tenant, customer, request id, headers (credentials redacted), the body up to"
            + " `sandbox.journal.body-limit` (secret JSON members redacted; of a file only its size and SHA-256).")
    @APIResponse(responseCode = "200", description = "the requests")
    @APIResponse(responseCode = "400", description = "`badRequest`: a malformed `limit`, `status` or `after`")
    public Envelope<JournalList> list(
            @Parameter(description = "at most this many, default 100") @QueryParam("limit") String limit,
            @Parameter(description = "only this customer's") @QueryParam("customerId") String customerId,
            @Parameter(description = "only this status (`503`) or class (`5xx`)") @QueryParam("status") String status,
            @Parameter(description = "only routes (or paths) containing this text") @QueryParam("route") String route,
            @Parameter(description = "only those with a `seq` above this one") @QueryParam("after") String after) {
        return Envelope.of(new JournalList(journal.enabled(),
                JournalQuery.parse(limit, customerId, status, route, after).run(journal)));
    }

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Clear the journal")
    @APIResponse(responseCode = "200", description = "the journal, now empty")
    public Envelope<JournalList> clear() {
        journal.clear();
        return Envelope.of(new JournalList(journal.enabled(), List.of()));
    }
}
