package dev.kycsandbox.document;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.kycsandbox.storage.KnownBlobs;

/** Tells the storage sweep which blobs separate documents point at. */
@ApplicationScoped
public class SeparateDocumentBlobs implements KnownBlobs {

    @Override
    @Transactional
    public Set<String> referencedAmong(Collection<String> blobIds) {
        return new HashSet<>(SeparateDocument.blobIdsAmong(blobIds));
    }
}
