package dev.kycsandbox.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.api.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

/**
 * Documents on the filesystem, named by server-made ids only.
 *
 * <p>The durability protocol (in {@link Durability#DURABLE} mode): an upload is written to a
 * spool in {@code incoming/} while it arrives ({@link #spool}), forced to disk ({@link #check}),
 * atomically renamed into its blob directory ({@link #store}), and that directory is forced
 * ({@link #forceDirectoriesOf}, once per directory for all the blobs a group commit placed). Only
 * then may a row point at the blob, so a committed row always has its whole file. A crash between
 * rename and commit leaves an orphan that {@link StorageSweeper} removes. {@link #copy} gives a
 * stored document a second, independent blob by the same protocol: written beside its target
 * under a temp name, forced, renamed, directory forced. {@link Durability#RELAXED} mode takes the
 * same steps without forcing anything.
 */
@ApplicationScoped
public class BlobStore {

    static final String BLOBS = "blobs";
    static final String INCOMING = "incoming";
    static final String TEMP_SUFFIX = ".tmp";
    private static final Pattern BLOB_ID = Pattern.compile(Ids.BLOB + "_[0-9A-Za-z]{22}");
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path blobs;
    private final Path incoming;
    private final long maxFileSize;
    private final boolean fsync;
    private final Counter bytesWritten = Metrics.counter("sandbox.storage.bytes.written");

    public BlobStore(StorageConfig config, DurabilityConfig durability) {
        Path root = config.root().toAbsolutePath().normalize();
        this.blobs = root.resolve(BLOBS);
        this.incoming = root.resolve(INCOMING);
        this.maxFileSize = config.maxFileSize().asLongValue();
        this.fsync = durability.durability().forcesWrites();
        try {
            Files.createDirectories(blobs);
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the storage directories under " + root, e);
        }
    }

    /** The largest document accepted, in bytes ({@code sandbox.storage.max-file-size}). */
    public long maxFileSize() {
        return maxFileSize;
    }

    /**
     * A new spool in {@code incoming/}: the receiving end of an upload, written while the request
     * body streams in (see {@link BlobSpool}).
     */
    public BlobSpool spool() {
        Path file = incoming.resolve(Ids.newId(Ids.BLOB));
        try {
            return new BlobSpool(file, FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    maxFileSize);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the uploaded file", e);
        }
    }

    /**
     * Checks size and type of a fully received spool and forces it to disk: the slow part of
     * storing it, done before the transaction that stores it so that no row lock is held
     * meanwhile. A refusal (an empty, oversized or unrecognised file) or a failure is kept, not
     * thrown: {@link #store} raises it, after the checks that come first.
     */
    public Checked check(BlobSpool spool) {
        try {
            if (spool.size() == 0) {
                throw new ApiException(ErrorCode.BAD_REQUEST, "Bad request. The file is empty");
            }
            if (spool.oversized()) {
                throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The file exceeds the limit of " + maxFileSize + " bytes");
            }
            String sha256 = spool.finish(fsync);
            FileType type = FileType.detect(spool.head(), (int) Math.min(spool.size(), FileType.HEAD_LENGTH), spool.file())
                    .orElseThrow(() -> new ApiException(ErrorCode.BAD_REQUEST,
                            "Bad request. Unsupported file type: expected PNG, JPEG, PDF, HEIC, TIFF, WebP, DOC or DOCX"));
            return new Checked(spool.file(), spool.size(), sha256, type, null);
        } catch (IOException e) {
            return Checked.refused(new UncheckedIOException("Cannot store the uploaded file", e));
        } catch (RuntimeException e) {
            return Checked.refused(e);
        }
    }

    /**
     * A random shard: the blob directory that the blobs of one transaction share, so that it
     * forces one directory however many blobs it stores. Over many transactions the blobs still
     * spread over all of them.
     */
    public String newShard() {
        return Ids.randomBase62(2);
    }

    /**
     * Moves a {@link #check checked} upload into place under a new blob id in {@code shard}, or
     * raises its refusal. Its directory entry is durable once {@link #forceDirectoriesOf} has run for it.
     */
    public StoredBlob store(Checked upload, String shard) {
        if (upload.refusal() != null) {
            throw upload.refusal();
        }
        try {
            String id = newBlobId(shard);
            Path target = pathOf(id);
            try {
                ensureShard(target.getParent());
                Files.move(upload.file(), target, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException sweptMeanwhile) {
                ensureShard(target.getParent()); // the sweep removed the shard as it was empty: once more
                Files.move(upload.file(), target, StandardCopyOption.ATOMIC_MOVE);
            }
            bytesWritten.increment(upload.size());
            return new StoredBlob(id, upload.size(), upload.sha256(), upload.type());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the uploaded file", e);
        }
    }

    /** Forces the directory entries of freshly placed blobs to disk, each directory once. */
    public void forceDirectoriesOf(Collection<String> blobIds) {
        if (!fsync) {
            return;
        }
        Set<Path> directories = new HashSet<>();
        for (String id : blobIds) {
            directories.add(pathOf(id).getParent());
        }
        try {
            for (Path directory : directories) {
                forceDirectory(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the uploaded file", e);
        }
    }

    /** A received upload after {@link #check}: forced to disk, with its size, hash and type, or refused. */
    public record Checked(Path file, long size, String sha256, FileType type, RuntimeException refusal) {

        /** An upload refused before it was received whole (a malformed body, no file part). */
        public static Checked refused(RuntimeException refusal) {
            return new Checked(null, 0, null, null, refusal);
        }
    }

    /**
     * A durable copy of {@code source} under a new id, for a row that must not share its file with
     * another (a KYC slot filled from a separate document): replacing or deleting either blob
     * later leaves the other as it is. The bytes are hashed while copied and must match what
     * {@code source} records, so a copy never carries a file its row does not describe. Like
     * {@link #store}, its directory entry is durable once {@link #forceDirectoriesOf} has run for it.
     */
    public StoredBlob copy(StoredBlob source, String shard) {
        String id = newBlobId(shard);
        Path target = pathOf(id);
        Path temp = target.resolveSibling(id + TEMP_SUFFIX);
        try {
            ensureShard(target.getParent());
            MessageDigest digest = sha256();
            long size = 0;
            try (FileChannel in = FileChannel.open(pathOf(source.id()), StandardOpenOption.READ);
                    FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
                while (in.read(buffer) != -1) {
                    buffer.flip();
                    digest.update(buffer.array(), 0, buffer.limit());
                    size += buffer.limit();
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    buffer.clear();
                }
                if (fsync) {
                    out.force(true);
                }
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            if (size != source.size() || !sha256.equals(source.sha256())) {
                throw new IllegalStateException("Blob " + source.id() + " does not match its record: " + size
                        + " bytes, SHA-256 " + sha256 + " instead of " + source.size() + " bytes, " + source.sha256());
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            bytesWritten.increment(size);
            return new StoredBlob(id, size, sha256, source.type());
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("Cannot copy blob " + source.id(), e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /** A blob id in {@code shard}: the shard's two characters, then 20 random ones (119 bits). */
    private static String newBlobId(String shard) {
        return Ids.BLOB + "_" + shard + Ids.randomBase62(20);
    }

    /** Where blob {@code id} lives; ids that this store did not make are refused. */
    public Path pathOf(String id) {
        if (!BLOB_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Not a blob id: " + id);
        }
        return blobs.resolve(id.substring(Ids.BLOB.length() + 1, Ids.BLOB.length() + 3)).resolve(id);
    }

    /** Removes a blob no committed row points at any more; a missing file is not an error. */
    public void delete(String id) {
        try {
            Files.deleteIfExists(pathOf(id));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete blob " + id, e);
        }
    }

    Path blobsDirectory() {
        return blobs;
    }

    Path incomingDirectory() {
        return incoming;
    }

    static boolean isBlobId(String name) {
        return BLOB_ID.matcher(name).matches();
    }

    /** Creates a blob's shard directory if need be, making its entry durable too. */
    private void ensureShard(Path directory) throws IOException {
        if (Files.notExists(directory)) {
            Files.createDirectories(directory);
            forceDirectory(blobs);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temp file is removed by the start-up sweep
        }
    }

    private void forceDirectory(Path directory) throws IOException {
        if (fsync) {
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
