package dev.kycsandbox.tenant;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.api.Ids;
import dev.kycsandbox.storage.BlobStore;
import io.quarkus.arc.All;
import io.quarkus.narayana.jta.QuarkusTransaction;

@ApplicationScoped
public class TenantService {

    private static final Logger LOG = Logger.getLogger(TenantService.class);

    private final List<TenantData> features;
    private final BlobStore blobs;

    /** {@code features} come sorted by descending priority: see {@link TenantData}. */
    public TenantService(@All List<TenantData> features, BlobStore blobs) {
        this.features = features;
        this.blobs = blobs;
    }

    /** The tenant, created with a fresh webhook secret if it does not exist yet. */
    @Transactional
    public Tenant ensure(String tenantId) {
        return Tenant.<Tenant> findByIdOptional(tenantId).orElseGet(() -> newTenant(tenantId, null));
    }

    /** A new tenant; {@code kycMode} null means the configured default. Refuses an existing id. */
    public Tenant create(String tenantId, String kycMode) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (Tenant.findByIdOptional(tenantId).isPresent()) {
                    throw new ApiException(ErrorCode.TENANT_EXISTS);
                }
                return newTenant(tenantId, kycMode);
            });
        } catch (PersistenceException e) {
            // a concurrent create of the same id won the primary key
            if (QuarkusTransaction.requiringNew().call(() -> Tenant.count("id", tenantId)) > 0) {
                throw new ApiException(ErrorCode.TENANT_EXISTS);
            }
            throw e;
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Tenant> find(String tenantId) {
        return Tenant.findByIdOptional(tenantId);
    }

    /** The tenant, or the admin API's 404 {@code tenantNotFound}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Tenant require(String tenantId) {
        return find(tenantId).orElseThrow(() -> new ApiException(ErrorCode.TENANT_NOT_FOUND));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Tenant> list() {
        return Tenant.listAllById();
    }

    /** Sets the mode of the tenant's next sessions (null: the configured default); open sessions keep theirs. */
    @Transactional
    public Tenant setKycMode(String tenantId, String kycMode) {
        Tenant tenant = require(tenantId);
        tenant.kycMode = kycMode;
        return tenant;
    }

    /**
     * Deletes every row the tenant owns, through each feature's {@link TenantData}, in one
     * transaction; then, once that committed, the files those rows pointed at. The tenant, its
     * settings, its users and their tokens stay. Returns how many files were deleted.
     */
    public int reset(String tenantId) {
        List<String> orphaned = QuarkusTransaction.requiringNew().call(() -> {
            // the tenant row lock serialises resets of one tenant
            Tenant.<Tenant> findByIdOptional(tenantId, LockModeType.PESSIMISTIC_WRITE)
                    .orElseThrow(() -> new ApiException(ErrorCode.TENANT_NOT_FOUND));
            List<String> blobIds = new ArrayList<>();
            for (TenantData feature : features) {
                blobIds.addAll(feature.purge(tenantId));
            }
            return blobIds;
        });
        int deleted = 0;
        for (String blobId : orphaned) {
            try {
                blobs.delete(blobId);
                deleted++;
            } catch (RuntimeException e) {
                // its row is gone: the start-up sweep removes the file if this delete could not
                LOG.warnf(e, "Could not delete blob %s of reset tenant %s", blobId, tenantId);
            }
        }
        LOG.infof("Reset tenant '%s': %d file(s) deleted", tenantId, deleted);
        return deleted;
    }

    private static Tenant newTenant(String tenantId, String kycMode) {
        Tenant tenant = new Tenant();
        tenant.id = tenantId;
        tenant.webhookSecret = Ids.randomBase62(43);
        tenant.kycMode = kycMode;
        tenant.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        tenant.persistAndFlush();
        return tenant;
    }
}
