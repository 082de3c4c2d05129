package dev.kycsandbox.webhook;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.kycsandbox.tenant.TenantData;

/** A tenant reset removes its webhook events and their delivery log; they point at no blob. */
@ApplicationScoped
public class WebhookTenantData implements TenantData {

    @Override
    public List<String> purge(String tenantId) {
        WebhookAttempt.delete("eventId in (select e.id from WebhookEvent e where e.tenantId = ?1)", tenantId);
        WebhookEvent.delete("tenantId", tenantId);
        return List.of();
    }
}
