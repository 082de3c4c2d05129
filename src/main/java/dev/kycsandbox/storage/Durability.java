package dev.kycsandbox.storage;

/**
 * What a 200 promises about a stored document ({@code sandbox.durability}, {@code SANDBOX_DURABILITY}).
 * Both modes store every byte and every row; they differ only in what a machine crash can take back.
 */
public enum Durability {

    /** The default: the file and its directory are forced to disk, and the row's commit flushed, before the 200. */
    DURABLE,

    /**
     * For load-test targets that need no crash safety: files and directories are not forced, and
     * the database commits asynchronously. A crash of the machine or of PostgreSQL may lose the
     * uploads of the last moments (rows not yet flushed, files not yet written back); a crash of
     * the sandbox's own process loses nothing.
     */
    RELAXED;

    public boolean forcesWrites() {
        return this == DURABLE;
    }
}
