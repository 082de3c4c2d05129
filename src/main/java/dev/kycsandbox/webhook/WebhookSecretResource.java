package dev.kycsandbox.webhook;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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

/**
 * A tenant's webhook signing secret, behind the admin credential. A class of its own: JAX-RS
 * picks the resource class by its path before looking at methods, and the tenants resource owns
 * {@code /sandbox/tenants}, so only a longer class path reaches this one.
 */
@Path("/sandbox/tenants/{tenantId}/webhook-secret")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDocs.TAG_WEBHOOKS)
@SecurityRequirement(name = OpenApiDocs.ADMIN_TOKEN)
@APIResponse(responseCode = "401", description = OpenApiDocs.ADMIN_UNAUTHORIZED)
public class WebhookSecretResource {

    private final WebhookService webhooks;

    public WebhookSecretResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GET
    @Operation(summary = "Read a tenant's webhook secret", description = "The key the tenant's webhooks are signed with"
            + " (HMAC-SHA256, header `x-sandbox-signature`).")
    @APIResponse(responseCode = "200", description = "the secret")
    @APIResponse(responseCode = "404", description = OpenApiDocs.TENANT_NOT_FOUND)
    public Envelope<WebhookService.WebhookSecret> secret(@PathParam("tenantId") String tenantId) {
        return Envelope.of(webhooks.secretOf(tenantId).orElseThrow(() -> new ApiException(ErrorCode.TENANT_NOT_FOUND)));
    }
}
