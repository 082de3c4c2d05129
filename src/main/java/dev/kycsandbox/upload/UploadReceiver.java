package dev.kycsandbox.upload;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.kycsandbox.api.UploadRoutes;
import dev.kycsandbox.storage.BlobStore;
import io.netty.buffer.ByteBuf;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Takes in the body of every upload ({@code POST} {@code multipart/form-data} to
 * {@code /customer/kyc/upload/…}, {@code /document/upload/…} or {@code /akepa/document/upload/…})
 * on the connection's event loop, as it arrives, before the REST layer: the file part goes
 * straight into its spool, hashed on the way, and the rest is skipped (see {@link ReceivedUpload}). The REST layer then runs the endpoint
 * with every filter and mapper as for any request, the body already read.
 *
 * <p>A body over the request size limit, or a file over the document limit, is answered (413) as
 * soon as it is seen, its connection then closed; other refusals wait for the body's end, so that
 * the connection stays usable.
 */
@Singleton
public class UploadReceiver {

    /** Before the REST layer's route, after the HTTP layer's own checks (negative orders). */
    private static final int ORDER = 0;

    private final BlobStore blobs;
    private final long maxBodySize;

    public UploadReceiver(BlobStore blobs,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.blobs = blobs;
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::receive);
    }

    /** Whether {@code rc} is an upload this receiver takes in. */
    static boolean isUpload(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.method() != HttpMethod.POST) {
            return false;
        }
        return UploadRoutes.isUpload(rc.normalizedPath())
                && UploadRoutes.isMultipart(request.getHeader(HttpHeaders.CONTENT_TYPE));
    }

    private void receive(RoutingContext rc) {
        if (!isUpload(rc)) {
            rc.next();
            return;
        }
        HttpServerRequest request = rc.request();
        ReceivedUpload upload = ReceivedUpload.start(rc, blobs,
                MultipartScanner.boundaryOf(request.getHeader(HttpHeaders.CONTENT_TYPE)));
        rc.addEndHandler(ignored -> upload.discardUnlessClaimed());
        if (request.isEnded()) {
            upload.end();
            rc.next();
            return;
        }
        Reading reading = new Reading(rc, upload);
        request.handler(chunk -> reading.read(chunk.getByteBuf()));
        request.endHandler(ignored -> reading.end());
        request.exceptionHandler(ignored -> upload.discardUnlessClaimed());
        request.resume();
    }

    /** One request's body, read chunk by chunk; the REST layer is called once, at the end or on a 413. */
    private final class Reading {

        private final RoutingContext rc;
        private final ReceivedUpload upload;
        private byte[] copy = new byte[8 * 1024];
        private long received;
        private boolean handedOver;

        Reading(RoutingContext rc, ReceivedUpload upload) {
            this.rc = rc;
            this.upload = upload;
        }

        void read(ByteBuf chunk) {
            if (handedOver) {
                return; // answered already: the connection closes after the answer
            }
            int length = chunk.readableBytes();
            received += length;
            if (received > maxBodySize) {
                upload.refuseTooLarge();
            } else {
                if (copy.length < length) {
                    copy = new byte[length];
                }
                chunk.getBytes(chunk.readerIndex(), copy, 0, length);
                upload.feed(copy, 0, length);
            }
            if (upload.oversized()) {
                handOver();
            }
        }

        void end() {
            if (!handedOver) {
                upload.end();
                handOver();
            }
        }

        private void handOver() {
            handedOver = true;
            rc.next();
        }
    }
}
