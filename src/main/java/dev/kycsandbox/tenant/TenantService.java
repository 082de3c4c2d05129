package dev.kycsandbox.tenant;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.kycsandbox.api.Ids;

@ApplicationScoped
public class TenantService {

    /** The tenant, created with a fresh webhook secret if it does not exist yet. */
    @Transactional
    public Tenant ensure(String tenantId) {
        return Tenant.<Tenant> findByIdOptional(tenantId).orElseGet(() -> {
            Tenant tenant = new Tenant();
            tenant.id = tenantId;
            tenant.webhookSecret = Ids.randomBase62(43);
            tenant.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            tenant.persist();
            return tenant;
        });
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Tenant> find(String tenantId) {
        return Tenant.findByIdOptional(tenantId);
    }
}
