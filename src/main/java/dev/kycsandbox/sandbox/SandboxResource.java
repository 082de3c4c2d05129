package dev.kycsandbox.sandbox;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.Envelope;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.document.SeparateDocumentService;
import dev.kycsandbox.kyc.KycService;
import dev.kycsandbox.kyc.KycStatus;
import dev.kycsandbox.kyc.KycView;
import dev.kycsandbox.storage.BlobStore;
import dev.kycsandbox.storage.StoredBlob;

/** The sandbox's own controls, outside connectFi's paths and guarded by the admin credential. */
@Path("/sandbox")
@AdminOnly
public class SandboxResource {

    public static final String SHA256_HEADER = "x-content-sha256";

    private final KycService kyc;
    private final SeparateDocumentService separateDocuments;
    private final BlobStore blobs;

    public SandboxResource(KycService kyc, SeparateDocumentService separateDocuments, BlobStore blobs) {
        this.kyc = kyc;
        this.separateDocuments = separateDocuments;
        this.blobs = blobs;
    }

    public record DecisionRequest(@NotNull @Pattern(regexp = "^(APPROVED|REJECTED)$") String status) {
    }

    @POST
    @Path("/customers/{customerId}/kyc/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Envelope<KycView> decide(@PathParam("customerId") String customerId, @NotNull @Valid DecisionRequest request) {
        return Envelope.of(kyc.decide(customerId, KycStatus.valueOf(request.status())));
    }

    /** The stored bytes of a KYC slot or a separate document, as a download that browsers must not sniff or render. */
    @GET
    @Path("/documents/{documentId}/content")
    public Response content(@PathParam("documentId") String documentId) {
        StoredBlob blob = kyc.storedFile(documentId).or(() -> separateDocuments.storedFile(documentId))
                .orElseThrow(() -> new ApiException(ErrorCode.DOCUMENT_NOT_FOUND).withStatus(404));
        return Response.ok(blobs.pathOf(blob.id()).toFile(), blob.type().mediaType())
                .header(SHA256_HEADER, blob.sha256())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "attachment; filename=\"" + documentId + "." + blob.type().extension() + "\"")
                .build();
    }
}
