package dev.kycsandbox.webhook;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.Envelope;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.api.OpenApiDocs;
import dev.kycsandbox.sandbox.AdminOnly;

/** The webhook delivery log, behind the admin credential. */
@Path("/sandbox/webhooks")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDocs.TAG_WEBHOOKS, description = "The webhook delivery log and the tenants' signing secrets")
@SecurityRequirement(name = OpenApiDocs.ADMIN_TOKEN)
@APIResponse(responseCode = "401", description = OpenApiDocs.ADMIN_UNAUTHORIZED)
public class WebhookAdminResource {

    private final WebhookService webhooks;

    public WebhookAdminResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GET
    @Operation(summary = "List a customer's webhooks", description = "The customer's webhook events, oldest first,"
            + " each with its payload, its signature and its delivery attempts; any tenant's customer.")
    @APIResponse(responseCode = "200", description = "the events")
    @APIResponse(responseCode = "400", description = "`badRequest`: no `customerId`; `customerNotFound`")
    public Envelope<List<WebhookView>> list(@QueryParam("customerId") String customerId) {
        if (customerId == null || customerId.isBlank()) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "Bad request. Query parameter customerId is required");
        }
        return Envelope.of(webhooks.ofCustomer(customerId));
    }

    @POST
    @Path("/{webhookId}/redeliver")
    @Operation(summary = "Redeliver a webhook", description = "Makes the event due again at once, whatever its state:"
            + " one more attempt, numbered after the last, signed as before.")
    @APIResponse(responseCode = "200", description = "the event, PENDING")
    @APIResponse(responseCode = "404", description = "`webhookNotFound`")
    public Envelope<WebhookView> redeliver(@PathParam("webhookId") String webhookId) {
        return Envelope.of(webhooks.redeliver(webhookId));
    }
}
