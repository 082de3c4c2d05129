package dev.kycsandbox.kyc;

import java.util.List;
import java.util.Objects;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.kycsandbox.tenant.TenantData;
import io.quarkus.hibernate.orm.panache.Panache;

/**
 * Purges a tenant's KYC sessions and document slots. Runs before the customers' purge (higher
 * priority), whose cascade would otherwise delete the slots without telling which blobs they held.
 */
@ApplicationScoped
@Priority(KycTenantData.PRIORITY)
public class KycTenantData implements TenantData {

    static final int PRIORITY = 200;

    @Override
    public List<String> purge(String tenantId) {
        EntityManager em = Panache.getEntityManager();
        // DELETE … RETURNING: exactly the blobs of the rows deleted, even when an upload commits meanwhile
        @SuppressWarnings("unchecked")
        List<String> blobIds = em.createNativeQuery("""
                delete from document_slot
                where customer_id in (select id from customer where tenant_id = ?1)
                returning blob_id""", String.class)
                .setParameter(1, tenantId)
                .getResultList();
        em.createNativeQuery("""
                delete from kyc_session
                where customer_id in (select id from customer where tenant_id = ?1)""")
                .setParameter(1, tenantId)
                .executeUpdate();
        return blobIds.stream().filter(Objects::nonNull).toList();
    }
}
