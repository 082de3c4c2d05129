package dev.kycsandbox.akepa;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.kycsandbox.storage.KnownBlobs;

/** Tells the storage sweep which blobs Akepa documents point at. */
@ApplicationScoped
public class AkepaDocumentBlobs implements KnownBlobs {

    @Override
    @Transactional
    public Set<String> referencedAmong(Collection<String> blobIds) {
        return new HashSet<>(AkepaDocument.blobIdsAmong(blobIds));
    }
}
