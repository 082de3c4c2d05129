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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.kycsandbox.akepa.AkepaService;
import dev.kycsandbox.akepa.ApplicationView;
import dev.kycsandbox.akepa.Outcome;
import dev.kycsandbox.api.Envelope;
import dev.kycsandbox.api.OpenApiDocs;
import dev.kycsandbox.kyc.KycService;
import dev.kycsandbox.kyc.KycStatus;
import dev.kycsandbox.kyc.KycView;
import dev.kycsandbox.storage.StoredBlob;

/** The sandbox's own controls, outside connectFi's paths and guarded by the admin credential. */
@Path("/sandbox")
@AdminOnly
@Tag(name = OpenApiDocs.TAG_ADMIN, description = "The sandbox's own controls, never under connectFi's paths: KYC"
        + " decisions and stored documents, across every tenant")
@SecurityScheme(securitySchemeName = OpenApiDocs.ADMIN_TOKEN, type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.HEADER, apiKeyName = AdminFilter.HEADER,
        description = "The admin credential (`SANDBOX_ADMIN_TOKEN`, or the one logged at start-up), required by"
                + " every call under `/sandbox`; never a connectFi token")
@SecurityRequirement(name = OpenApiDocs.ADMIN_TOKEN)
@APIResponse(responseCode = "401", description = OpenApiDocs.ADMIN_UNAUTHORIZED)
public class SandboxResource {

    public static final String SHA256_HEADER = "x-content-sha256";

    private final KycService kyc;
    private final StoredDocuments documents;
    private final AkepaService akepa;

    public SandboxResource(KycService kyc, StoredDocuments documents, AkepaService akepa) {
        this.kyc = kyc;
        this.documents = documents;
        this.akepa = akepa;
    }

    public record DecisionRequest(@NotNull @Pattern(regexp = "^(APPROVED|REJECTED)$") String status) {
    }

    public record AkepaDecisionRequest(@NotNull @Pattern(regexp = "^(Approved|Denied)$") String outcome) {
    }

    @POST
    @Path("/customers/{customerId}/kyc/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide a customer's KYC", description = "Ends the customer's open session (WAITING_DATA or"
            + " IN_REVIEW) with the status given, ahead of any automatic decision; a webhook follows where one was"
            + " asked for. Customer ids are global here: any tenant's.")
    @APIResponse(responseCode = "200", description = "the session, decided")
    @APIResponse(responseCode = "400", description = OpenApiDocs.INVALID_JSON + ", `customerNotFound`, "
            + OpenApiDocs.KYC_NOT_FOUND + ", " + OpenApiDocs.KYC_COMPLETED)
    public Envelope<KycView> decide(@PathParam("customerId") String customerId, @NotNull @Valid DecisionRequest request) {
        return Envelope.of(kyc.decide(customerId, KycStatus.valueOf(request.status())));
    }

    @POST
    @Path("/customers/{customerId}/akepa/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide a customer's Akepa application", description = "Completes the customer's latest"
            + " application, in any status short of `completed` (typically `waiting_review`, for last name"
            + " WaitReview), with the outcome given; a webhook follows where one was asked for. Customer ids are"
            + " global here: any tenant's.")
    @APIResponse(responseCode = "200", description = "the application, completed")
    @APIResponse(responseCode = "400", description = OpenApiDocs.INVALID_JSON + ", `customerNotFound`, "
            + OpenApiDocs.APPLICATION_NOT_FOUND + ", " + OpenApiDocs.APPLICATION_COMPLETED)
    public Envelope<ApplicationView> decideApplication(@PathParam("customerId") String customerId,
            @NotNull @Valid AkepaDecisionRequest request) {
        return Envelope.of(akepa.decide(customerId, Outcome.fromWireName(request.outcome()).orElseThrow()));
    }

    /**
     * The stored bytes of a KYC slot, a separate document or an Akepa document, as a download that
     * browsers must not sniff or render.
     */
    @GET
    @Path("/documents/{documentId}/content")
    @Operation(summary = "Download a stored document", description = "The stored bytes of a KYC slot, a separate"
            + " document or an Akepa document, any tenant's, as an attachment, with `Content-Type` of the"
            + " detected type.")
    @APIResponse(responseCode = "200", description = "the stored bytes",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")),
            headers = @Header(name = SHA256_HEADER, description = "the SHA-256 of the bytes, hex",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "`documentNotFound`: the id is unknown or holds no file")
    public Response content(@PathParam("documentId") String documentId) {
        StoredDocuments.Opened document = documents.open(documentId);
        StoredBlob blob = document.blob();
        return Response.ok(document.bytes(), blob.type().mediaType())
                .header(HttpHeaders.CONTENT_LENGTH, blob.size())
                .header(SHA256_HEADER, blob.sha256())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "attachment; filename=\"" + documentId + "." + blob.type().extension() + "\"")
                .build();
    }
}
