package dev.kycsandbox.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.arc.All;
import io.quarkus.runtime.StartupEvent;

/**
 * Removes at start-up what a crash can leave behind: spooled uploads and temp files, and blobs
 * that were renamed into place but whose row was never committed.
 */
@ApplicationScoped
public class StorageSweeper {

    private static final Logger LOG = Logger.getLogger(StorageSweeper.class);
    private static final int BATCH = 500;

    private final BlobStore store;
    private final List<KnownBlobs> owners;

    public StorageSweeper(BlobStore store, @All List<KnownBlobs> owners) {
        this.store = store;
        this.owners = owners;
    }

    void onStart(@Observes StartupEvent event) {
        SweepResult result = sweep();
        if (result.removed() > 0) {
            LOG.infof("Storage sweep removed %d leftover file(s) after checking %d blob(s)", result.removed(), result.checked());
        }
    }

    public SweepResult sweep() {
        try {
            int removed = deleteAll(store.incomingDirectory());
            int checked = 0;
            List<Path> batch = new ArrayList<>(BATCH);
            try (Stream<Path> files = Files.walk(store.blobsDirectory(), 2)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    if (!BlobStore.isBlobId(file.getFileName().toString())) {
                        Files.deleteIfExists(file); // a temp file of an interrupted copy
                        removed++;
                        continue;
                    }
                    batch.add(file);
                    if (batch.size() == BATCH) {
                        removed += deleteUnreferenced(batch);
                        checked += batch.size();
                        batch.clear();
                    }
                }
            }
            removed += deleteUnreferenced(batch);
            checked += batch.size();
            return new SweepResult(checked, removed);
        } catch (IOException e) {
            throw new UncheckedIOException("Storage sweep failed", e);
        }
    }

    private int deleteUnreferenced(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            return 0;
        }
        List<String> ids = files.stream().map(f -> f.getFileName().toString()).toList();
        Set<String> referenced = new HashSet<>();
        for (KnownBlobs owner : owners) {
            referenced.addAll(owner.referencedAmong(ids));
        }
        int removed = 0;
        for (Path file : files) {
            if (!referenced.contains(file.getFileName().toString())) {
                Files.deleteIfExists(file);
                removed++;
            }
        }
        return removed;
    }

    private static int deleteAll(Path directory) throws IOException {
        int removed = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Files.deleteIfExists(file);
                removed++;
            }
        }
        return removed;
    }

    public record SweepResult(int checked, int removed) {
    }
}
