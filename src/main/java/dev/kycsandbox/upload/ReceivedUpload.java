package dev.kycsandbox.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.storage.BlobSpool;
import dev.kycsandbox.storage.BlobStore;
import io.vertx.ext.web.RoutingContext;

/**
 * The one file of a connectFi upload ({@code multipart/form-data}, any form field), as
 * {@link UploadReceiver} took it in while the body streamed: its spool, or why it is refused (no
 * file part is connectFi's {@code Bad request. File not found}; more than one file, a malformed
 * body, an oversized file or a failed write are refused too). The refusal is raised only when
 * the upload is stored, after the checks of the slot or document it is meant for.
 */
public final class ReceivedUpload {

    private static final String KEY = ReceivedUpload.class.getName();

    private final BlobStore blobs;
    private final MultipartScanner scanner;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private BlobSpool spool;
    private boolean inFile;
    private int files;
    private RuntimeException refusal;
    private boolean oversized;
    private volatile BlobStore.Checked checked;

    private ReceivedUpload(BlobStore blobs, String boundary) {
        this.blobs = blobs;
        MultipartScanner parser = null;
        try {
            parser = new MultipartScanner(boundary, new Parts());
        } catch (MultipartScanner.Malformed e) {
            refuse(malformed(e));
        }
        this.scanner = parser;
    }

    /** Starts receiving a body sent with {@code boundary}, kept with the request. */
    static ReceivedUpload start(RoutingContext rc, BlobStore blobs, String boundary) {
        ReceivedUpload upload = new ReceivedUpload(blobs, boundary);
        rc.put(KEY, upload);
        return upload;
    }

    /**
     * The upload of the request {@code rc}. A request the receiver did not take (its Content-Type
     * is multipart in a form the receiver does not read as such) holds no file.
     */
    public static ReceivedUpload of(RoutingContext rc) {
        ReceivedUpload upload = rc.get(KEY);
        if (upload == null) {
            upload = new ReceivedUpload(null, null);
        }
        return upload;
    }

    /** Reads the next bytes of the body; nothing more is read once the upload is refused. */
    void feed(byte[] bytes, int offset, int length) {
        if (refusal != null) {
            return;
        }
        try {
            scanner.feed(bytes, offset, length);
        } catch (MultipartScanner.Malformed e) {
            refuse(malformed(e));
        } catch (IOException | UncheckedIOException e) {
            refuse(e instanceof UncheckedIOException unchecked ? unchecked
                    : new UncheckedIOException("Cannot store the uploaded file", (IOException) e));
        }
    }

    /** The body is over. */
    void end() {
        if (refusal != null) {
            return;
        }
        try {
            scanner.end();
        } catch (MultipartScanner.Malformed e) {
            refuse(malformed(e));
            return;
        }
        if (files == 0) {
            refuse(new ApiException(ErrorCode.FILE_NOT_FOUND));
        }
    }

    /** Refuses an upload whose body outgrew the request size limit before it ended. */
    void refuseTooLarge() {
        if (!oversized) {
            refuse(tooLarge());
        }
    }

    /**
     * Whether the file or the body outgrew its limit: the request is answered at once, and its
     * connection closed, rather than the rest of the body read.
     */
    boolean oversized() {
        return oversized;
    }

    /**
     * The received file checked and forced to disk, or its refusal: the upload now belongs to the
     * caller, who must {@link #discard} it once stored or refused.
     */
    BlobStore.Checked check() {
        claimed.set(true);
        if (refusal != null) {
            return BlobStore.Checked.refused(refusal);
        }
        checked = blobs.check(spool);
        return checked;
    }

    /**
     * The size and SHA-256 of the file request {@code rc} uploaded, once checked (whether or not it was then stored):
     * what the request journal records of an upload instead of its bytes.
     */
    public static Optional<BlobStore.Checked> receivedFileOf(RoutingContext rc) {
        ReceivedUpload upload = rc.get(KEY);
        BlobStore.Checked file = upload == null ? null : upload.checked;
        return file == null || file.refusal() != null ? Optional.empty() : Optional.of(file);
    }

    /** Deletes what was spooled, unless it was moved into place. */
    void discard() {
        if (spool != null) {
            spool.discard();
        }
    }

    /** For the request's end: an upload nobody claimed (the request was answered before it) is deleted. */
    void discardUnlessClaimed() {
        if (!claimed.get()) {
            discard();
        }
    }

    private void refuse(RuntimeException why) {
        refusal = why;
        discard();
    }

    private static ApiException malformed(MultipartScanner.Malformed e) {
        return new ApiException(ErrorCode.BAD_REQUEST, "Bad request. Malformed multipart body: " + e.getMessage());
    }

    private ApiException tooLarge() {
        oversized = true;
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The file exceeds the limit of " + blobs.maxFileSize() + " bytes");
    }

    /** Spools the first file part; any other part's content is skipped. */
    private final class Parts implements MultipartScanner.Listener {

        @Override
        public void partStarted(Map<String, String> headers) {
            inFile = HeaderParameters.isFile(headers.get("content-disposition"));
            if (!inFile || refusal != null) {
                return;
            }
            if (++files > 1) {
                refuse(new ApiException(ErrorCode.BAD_REQUEST, "Bad request. Send exactly one file"));
                return;
            }
            spool = blobs.spool();
        }

        @Override
        public void content(byte[] bytes, int offset, int length) throws IOException {
            if (inFile && refusal == null) {
                spool.write(bytes, offset, length);
                if (spool.oversized()) {
                    refuse(tooLarge());
                }
            }
        }
    }
}
