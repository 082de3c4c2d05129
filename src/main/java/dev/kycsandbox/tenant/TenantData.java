package dev.kycsandbox.tenant;

import java.util.List;

/**
 * Implemented by each feature that keeps rows for a tenant, so that resetting a tenant removes
 * everything it owns without the tenant feature knowing the other features' tables.
 *
 * <p>A reset calls every implementation in one transaction, in descending
 * {@link jakarta.annotation.Priority} order (ArC's order for {@code @All}): a feature whose rows
 * reference another feature's rows gives itself a higher priority, so that it purges first and no
 * cascade deletes its rows unseen. Customers have 100, KYC sessions and slots (which reference
 * customers) 200; rows that reference KYC sessions take more than 200.
 */
public interface TenantData {

    /**
     * Deletes the tenant's rows of this feature, inside the caller's transaction, and returns the
     * ids of the blobs those rows pointed at, to be deleted from disk once the transaction commits.
     */
    List<String> purge(String tenantId);
}
