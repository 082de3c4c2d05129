package dev.kycsandbox.journal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.kycsandbox.api.OpenApiDocs;
import dev.kycsandbox.sandbox.AdminOnly;

/** The request journal as a HAR file, behind the admin credential (a path of its own: not below {@code /sandbox/requests}). */
@Path("/sandbox/requests.har")
@AdminOnly
@Tag(name = OpenApiDocs.TAG_JOURNAL)
@SecurityRequirement(name = OpenApiDocs.ADMIN_TOKEN)
@APIResponse(responseCode = "401", description = OpenApiDocs.ADMIN_UNAUTHORIZED)
public class HarResource {

    private final RequestJournal journal;
    private final String version;

    public HarResource(RequestJournal journal, @ConfigProperty(name = "quarkus.application.version") String version) {
        this.journal = journal;
        this.version = version;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Export the journal as HAR 1.2", description = "The same requests and filters as"
            + " `GET /sandbox/requests`, oldest first, as a HAR 1.2 file for a browser's developer tools or a bug report.")
    @APIResponse(responseCode = "200", description = "the HAR log")
    @APIResponse(responseCode = "400", description = "`badRequest`: a malformed `limit`, `status` or `after`")
    public Response har(@QueryParam("limit") String limit, @QueryParam("customerId") String customerId,
            @QueryParam("status") String status, @QueryParam("route") String route, @QueryParam("after") String after) {
        return Response.ok(Har.of(JournalQuery.parse(limit, customerId, status, route, after).run(journal), version))
                .header("Content-Disposition", "attachment; filename=\"kyc-sandbox.har\"").build();
    }
}
