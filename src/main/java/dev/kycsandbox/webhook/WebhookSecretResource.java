package dev.kycsandbox.webhook;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.Envelope;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.sandbox.AdminOnly;

/**
 * A tenant's webhook signing secret, behind the admin credential. A class of its own: JAX-RS
 * picks the resource class by its path before looking at methods, and the tenants resource owns
 * {@code /sandbox/tenants}, so only a longer class path reaches this one.
 */
@Path("/sandbox/tenants/{tenantId}/webhook-secret")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class WebhookSecretResource {

    private final WebhookService webhooks;

    public WebhookSecretResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GET
    public Envelope<WebhookService.WebhookSecret> secret(@PathParam("tenantId") String tenantId) {
        return Envelope.of(webhooks.secretOf(tenantId).orElseThrow(() -> new ApiException(ErrorCode.TENANT_NOT_FOUND)));
    }
}
