package dev.kycsandbox.akepa;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.kycsandbox.tenant.TenantData;

/**
 * Purges a tenant's Akepa documents and applications (their entities and webhook events follow
 * by cascade). Runs before the customers' purge, which would otherwise cascade to the
 * applications unseen; documents first, as they point at applications and hold the blobs.
 */
@ApplicationScoped
@Priority(AkepaTenantData.PRIORITY)
public class AkepaTenantData implements TenantData {

    static final int PRIORITY = 300;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> purge(String tenantId) {
        List<String> blobIds = AkepaDocument.deleteAllOf(tenantId);
        AkepaApplication.delete("tenantId", tenantId);
        return blobIds;
    }
}
