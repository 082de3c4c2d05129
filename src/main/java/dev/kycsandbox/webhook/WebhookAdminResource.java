package dev.kycsandbox.webhook;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.Envelope;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.sandbox.AdminOnly;

/** The webhook delivery log, behind the admin credential. */
@Path("/sandbox/webhooks")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class WebhookAdminResource {

    private final WebhookService webhooks;

    public WebhookAdminResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GET
    public Envelope<List<WebhookView>> list(@QueryParam("customerId") String customerId) {
        if (customerId == null || customerId.isBlank()) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "Bad request. Query parameter customerId is required");
        }
        return Envelope.of(webhooks.ofCustomer(customerId));
    }
}
