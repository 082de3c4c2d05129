package dev.kycsandbox.kyc;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import dev.kycsandbox.upload.Prefetch;

/**
 * The sessions that own the slots a group commit writes to, locked and read for the whole batch
 * in two statements ({@link KycSession#lockOwnersOf}) instead of two per upload. A write finds
 * its session here when its batch prefetched it, and through {@link KycSession#lockOwnerOf}
 * otherwise; either way under the same rule ({@link KycSession#owns}).
 */
@ApplicationScoped
public class SlotOwners implements Prefetch {

    private static final String PREFETCHED = SlotOwners.class.getName();
    /** Ids that cannot be a slot's are left to the per-write lookup, which refuses them. */
    private static final Pattern SLOT_ID = Pattern.compile(KycResource.ID_PATTERN);

    private final TransactionSynchronizationRegistry transaction;

    public SlotOwners(TransactionSynchronizationRegistry transaction) {
        this.transaction = transaction;
    }

    @Override
    public void load(List<String> slotIds) {
        List<String> wellFormed = slotIds.stream().filter(id -> id.length() <= 36 && SLOT_ID.matcher(id).matches())
                .distinct().toList();
        transaction.putResource(PREFETCHED, KycSession.lockOwnersOf(wellFormed));
    }

    /** The locked session owning slot {@code slotId} of customer {@code customerId} of tenant {@code tenantId}. */
    Optional<KycSession> lock(String tenantId, String customerId, String slotId) {
        @SuppressWarnings("unchecked")
        Map<String, KycSession> prefetched = (Map<String, KycSession>) transaction.getResource(PREFETCHED);
        KycSession owner = prefetched == null ? null : prefetched.get(slotId);
        if (owner == null) {
            return KycSession.lockOwnerOf(tenantId, customerId, slotId);
        }
        return Optional.of(owner).filter(session -> session.owns(tenantId, customerId, slotId));
    }
}
