package dev.kycsandbox.kyc;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.kycsandbox.storage.KnownBlobs;

/** Tells the storage sweep which blobs KYC document slots point at. */
@ApplicationScoped
public class KycBlobs implements KnownBlobs {

    @Override
    @Transactional
    public Set<String> referencedAmong(Collection<String> blobIds) {
        return new HashSet<>(DocumentSlot.blobIdsAmong(blobIds));
    }
}
