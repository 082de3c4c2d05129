package dev.kycsandbox.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * Makes the embedded data directory this process's own. A sandbox killed with SIGKILL leaves
 * its postmaster running (it is a separate process), which would refuse the next start with
 * "lock file postmaster.pid already exists". A file lock held for the life of the JVM tells a
 * crashed owner from a live one: when the lock is free, a postmaster still serving the
 * directory is an orphan and is shut down; when it is taken, another sandbox uses the
 * directory and this one stops with a clear message instead of touching it.
 */
final class OrphanedPostmaster {

    private static final Logger LOG = Logger.getLogger(OrphanedPostmaster.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    /** Held until the JVM exits; the OS releases it even on SIGKILL. */
    private static FileLock ownership;

    private OrphanedPostmaster() {
    }

    static synchronized void claim(Path dataDir) throws IOException {
        if (ownership != null) {
            return;
        }
        Path lockFile = dataDir.resolveSibling(dataDir.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IOException("Another running sandbox uses the embedded PostgreSQL in " + dataDir
                    + "; give this one its own working directory or SANDBOX_EMBEDDED_POSTGRES_DIR");
        }
        ownership = lock;
        postmasterOf(dataDir).ifPresent(postmaster -> stop(postmaster, dataDir));
    }

    /** The live process named by {@code postmaster.pid}, if it still serves {@code dataDir}. */
    private static Optional<ProcessHandle> postmasterOf(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 2 || !Path.of(lines.get(1).trim()).equals(dataDir)) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void stop(ProcessHandle postmaster, Path dataDir) {
        LOG.warnf("Stopping PostgreSQL (pid %d) left running on %s by a sandbox that did not shut down",
                postmaster.pid(), dataDir);
        postmaster.destroy(); // SIGTERM: its clients died with their process, so it stops at once
        try {
            postmaster.onExit().get(SHUTDOWN_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            postmaster.destroyForcibly(); // PostgreSQL recovers from its WAL at the next start
        }
    }
}
