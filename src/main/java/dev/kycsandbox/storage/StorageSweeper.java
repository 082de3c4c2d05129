package dev.kycsandbox.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import io.quarkus.scheduler.Scheduled;

/**
 * Removes what a crash can leave behind: spooled uploads and temp files, and blobs that were
 * renamed into place but whose row was never committed; and the shard directories left empty. It runs at start-up and then every
 * {@code sandbox.storage.sweep-interval}, and touches only files older than the grace period:
 * another instance on the same blob root may be between its rename and its commit, or still
 * spooling an upload, and those files are fresh (a rename keeps the spool's modification time,
 * which the last byte written set).
 */
@ApplicationScoped
public class StorageSweeper {

    private static final Logger LOG = Logger.getLogger(StorageSweeper.class);
    private static final int BATCH = 500;

    private final BlobStore store;
    private final List<KnownBlobs> owners;
    private final Duration grace;

    public StorageSweeper(BlobStore store, @All List<KnownBlobs> owners, StorageConfig config) {
        this.store = store;
        this.owners = owners;
        this.grace = config.sweepGrace();
    }

    void onStart(@Observes StartupEvent event) {
        sweepAndLog();
    }

    @Scheduled(identity = "storage-sweep", every = "${sandbox.storage.sweep-interval}", delayed = "${sandbox.storage.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweepAndLog() {
        SweepResult result = sweep();
        if (result.removed() > 0) {
            LOG.infof("Storage sweep removed %d leftover file(s) after checking %d blob(s)", result.removed(), result.checked());
        }
    }

    public SweepResult sweep() {
        Instant cutoff = Instant.now().minus(grace);
        try {
            int removed = deleteOlderThan(store.incomingDirectory(), cutoff);
            int checked = 0;
            List<Path> batch = new ArrayList<>(BATCH);
            try (Stream<Path> files = Files.walk(store.blobsDirectory(), 2)) {
                for (Path file : (Iterable<Path>) files.filter(f -> isLeftoverCandidate(f, cutoff))::iterator) {
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
            removeEmptyShards(cutoff);
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

    /**
     * Shard directories that overwrites and deletions have emptied, untouched since {@code cutoff}
     * (storing a blob into one touches it): one that gets a blob meanwhile is not empty and stays,
     * and {@link BlobStore} makes a shard again if it went just before it stores into it.
     */
    private void removeEmptyShards(Instant cutoff) throws IOException {
        try (Stream<Path> shards = Files.list(store.blobsDirectory())) {
            for (Path shard : (Iterable<Path>) shards.filter(Files::isDirectory)::iterator) {
                try (Stream<Path> entries = Files.list(shard)) {
                    if (entries.findAny().isPresent() || !Files.getLastModifiedTime(shard).toInstant().isBefore(cutoff)) {
                        continue;
                    }
                    Files.delete(shard);
                } catch (DirectoryNotEmptyException | NoSuchFileException raced) {
                    // a blob arrived, or another instance swept it first
                }
            }
        }
    }

    /** A regular file last written before {@code cutoff}; one that vanished meanwhile is not. */
    private static boolean isLeftoverCandidate(Path file, Instant cutoff) {
        try {
            return Files.isRegularFile(file) && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
        } catch (IOException vanished) {
            return false;
        }
    }

    private static int deleteOlderThan(Path directory, Instant cutoff) throws IOException {
        int removed = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files.filter(f -> isLeftoverCandidate(f, cutoff))::iterator) {
                Files.deleteIfExists(file);
                removed++;
            }
        }
        return removed;
    }

    public record SweepResult(int checked, int removed) {
    }
}
