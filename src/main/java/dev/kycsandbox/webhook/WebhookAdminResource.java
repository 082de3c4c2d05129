package dev.kycsandbox.webhook;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.Envelope;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.sandbox.AdminOnly;

/** The webhook delivery log and the tenants' signing secrets, behind the admin credential. */
@Path("/sandbox")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class WebhookAdminResource {

    private final WebhookService webhooks;

    public WebhookAdminResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GET
    @Path("/webhooks")
    public Envelope<List<WebhookView>> list(@QueryParam("customerId") String customerId) {
        if (customerId == null || customerId.isBlank()) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "Bad request. Query parameter customerId is required");
        }
        return Envelope.of(webhooks.ofCustomer(customerId));
    }

    @GET
    @Path("/tenants/{tenantId}/webhook-secret")
    public Envelope<WebhookService.WebhookSecret> secret(@PathParam("tenantId") String tenantId) {
        return Envelope.of(webhooks.secretOf(tenantId).orElseThrow(() -> new ApiException(ErrorCode.TENANT_NOT_FOUND)));
    }
}
