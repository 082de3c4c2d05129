package dev.kycsandbox.tenant;

import java.util.List;

/**
 * Implemented by each feature that keeps rows for a tenant, so that resetting a tenant removes
 * everything it owns without the tenant feature knowing the other features' tables.
 */
public interface TenantData {

    /**
     * Deletes the tenant's rows of this feature, inside the caller's transaction, and returns the
     * ids of the blobs those rows pointed at, to be deleted from disk once the transaction commits.
     */
    List<String> purge(String tenantId);
}
