package dev.kycsandbox.document;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.kycsandbox.tenant.TenantData;

/**
 * A tenant's separate documents, for a tenant reset. KYC slots filled from them hold their own
 * copies, so purging these never empties a slot.
 */
@ApplicationScoped
public class SeparateDocumentTenantData implements TenantData {

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> purge(String tenantId) {
        return SeparateDocument.deleteAllOf(tenantId);
    }
}
