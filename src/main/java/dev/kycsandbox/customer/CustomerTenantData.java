package dev.kycsandbox.customer;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;

import dev.kycsandbox.tenant.TenantData;

/** Purges a tenant's customers, after the features whose rows point at them. */
@ApplicationScoped
@Priority(CustomerTenantData.PRIORITY)
public class CustomerTenantData implements TenantData {

    static final int PRIORITY = 100;

    @Override
    public List<String> purge(String tenantId) {
        Customer.delete("tenantId", tenantId);
        return List.of(); // customers hold no files
    }
}
