package dev.kycsandbox.kyc;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.kycsandbox.api.DeprecatedEndpoint;
import dev.kycsandbox.api.Envelope;
import dev.kycsandbox.api.MeteredUpload;
import dev.kycsandbox.api.OpenApiDocs;
import dev.kycsandbox.auth.Caller;
import dev.kycsandbox.auth.TokenRequired;
import dev.kycsandbox.upload.ReceivedUpload;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** connectFi's deprecated {@code /customer/kyc/*} family, the legacy upload among them. */
@Path("/customer/kyc")
@TokenRequired
@DeprecatedEndpoint
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDocs.TAG_KYC, description = "connectFi's deprecated KYC family: sessions, document slots, the"
        + " legacy upload. Every answer, errors included, carries `Deprecation` and a `Link` to the Akepa successor.")
@SecurityRequirement(name = OpenApiDocs.CONNECTFI_TOKEN)
@APIResponse(responseCode = "401", description = OpenApiDocs.UNAUTHORIZED)
public class KycResource {

    static final String ID_PATTERN = "^[0-9a-zA-Z_]+$";

    private final KycService kyc;
    private final Caller caller;

    public KycResource(KycService kyc, Caller caller) {
        this.kyc = kyc;
        this.caller = caller;
    }

    public record InitRequest(@NotBlank @Size(max = 36) @Pattern(regexp = ID_PATTERN) String customerId,
            Boolean syncMode,
            @Size(max = 500) @Pattern(regexp = "^https?://\\S+$") String webhookURL) {
    }

    public record AdditionalAttributes(@NotNull @Valid CardAttributes cardAttributes) {
    }

    public record AddAttributesRequest(@NotBlank @Size(max = 36) @Pattern(regexp = ID_PATTERN) String customerId,
            @NotNull @Valid AdditionalAttributes additionalAttributes) {
    }

    public record DocumentLinkRequest(@NotBlank @Size(max = 36) @Pattern(regexp = ID_PATTERN) String customerId,
            @NotBlank @Size(max = 36) @Pattern(regexp = ID_PATTERN) String documentId,
            @NotBlank @Size(max = 36) @Pattern(regexp = ID_PATTERN) String separateDocumentId) {
    }

    @POST
    @Path("/init")
    @DeprecatedEndpoint(successor = DeprecatedEndpoint.AKEPA_IDENTIFICATION)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(deprecated = true, summary = "Start KYC", description = "Opens a KYC session in the tenant's KYC mode"
            + " with its document slots, or returns the customer's open session unchanged. With `webhookURL`, each"
            + " status change of the session is POSTed there. Successor: `/akepa/identification`.")
    @APIResponse(responseCode = "200", description = "the session: customer, status, slots and missing attribute groups")
    @APIResponse(responseCode = "400", description = OpenApiDocs.INVALID_JSON + ", " + OpenApiDocs.CUSTOMER_NOT_FOUND)
    public Envelope<KycView> init(@NotNull @Valid InitRequest request) {
        return Envelope.of(kyc.init(caller.tenantId(), request.customerId(), request.webhookURL(), request.syncMode()));
    }

    @POST
    @Path("/add-attributes")
    @DeprecatedEndpoint(successor = DeprecatedEndpoint.AKEPA_UPDATE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(deprecated = true, summary = "Add KYC attributes", description = "Supplies the `cardAttributes` group of"
            + " the customer's last session; a session with every slot filled moves to IN_REVIEW."
            + " Successor: `/akepa/update`.")
    @APIResponse(responseCode = "200", description = "the session")
    @APIResponse(responseCode = "400", description = OpenApiDocs.INVALID_JSON + ", " + OpenApiDocs.CUSTOMER_NOT_FOUND
            + ", " + OpenApiDocs.KYC_NOT_FOUND + ", " + OpenApiDocs.KYC_COMPLETED)
    public Envelope<KycView> addAttributes(@NotNull @Valid AddAttributesRequest request) {
        return Envelope.of(kyc.addCardAttributes(caller.tenantId(), request.customerId(),
                request.additionalAttributes().cardAttributes()));
    }

    @GET
    @Path("/status/{customerId}")
    @DeprecatedEndpoint(successor = DeprecatedEndpoint.AKEPA_STATUS)
    @Operation(deprecated = true, summary = "Read the KYC status", description = "The customer's last KYC session."
            + " Successor: `/akepa/status`.")
    @APIResponse(responseCode = "200", description = "the session")
    @APIResponse(responseCode = "400", description = OpenApiDocs.CUSTOMER_NOT_FOUND + ", " + OpenApiDocs.KYC_NOT_FOUND)
    public Envelope<KycView> status(@PathParam("customerId") String customerId) {
        return Envelope.of(kyc.status(caller.tenantId(), customerId));
    }

    /** The legacy upload: one file in any form field, overwriting the slot until KYC is complete. */
    @POST
    @MeteredUpload
    @Path("/upload/{customerId}/{documentId}")
    @DeprecatedEndpoint(successor = DeprecatedEndpoint.AKEPA_DOCUMENT_UPLOAD)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(deprecated = true, summary = "Upload a KYC document (legacy)", description = "Stores one file in the"
            + " slot, durably, overwriting the previous one until the session is APPROVED or REJECTED; the last"
            + " missing piece moves the session to IN_REVIEW. Successor: `/akepa/document/upload/{documentId}`.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = OpenApiDocs.FileUpload.class)))
    @APIResponse(responseCode = "200", description = "the session, the slot with `uploadStatus: true` and its `extension`")
    @APIResponse(responseCode = "400", description = OpenApiDocs.INVALID_FILE + "; " + OpenApiDocs.CUSTOMER_NOT_FOUND
            + "; `documentNotFound`: the slot is not one of that customer's; " + OpenApiDocs.KYC_COMPLETED)
    @APIResponse(responseCode = "413", description = OpenApiDocs.PAYLOAD_TOO_LARGE)
    @APIResponse(responseCode = "507", description = OpenApiDocs.INSUFFICIENT_STORAGE)
    @Blocking // the token filter may query, and the received file is forced to disk here
    public Uni<Envelope<KycView>> upload(@PathParam("customerId") String customerId,
            @PathParam("documentId") String documentId, RoutingContext rc) {
        return Uni.createFrom().completionStage(kyc.upload(caller.tenantId(), customerId, documentId, ReceivedUpload.of(rc)))
                .map(Envelope::of);
    }

    /** Copies a separately uploaded document into a slot: allowed even once KYC is complete. */
    @POST
    @Path("/document-link")
    @DeprecatedEndpoint(successor = DeprecatedEndpoint.AKEPA_UPDATE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(deprecated = true, summary = "Link a separate document into a KYC slot", description = "Copies the file"
            + " of a separate document (`/document/upload`) into the slot, in any status, APPROVED included; an open"
            + " session that it completes moves to IN_REVIEW. Successor: `/akepa/update`.")
    @APIResponse(responseCode = "200", description = "the session that owns the slot")
    @APIResponse(responseCode = "400", description = OpenApiDocs.INVALID_JSON + ", " + OpenApiDocs.CUSTOMER_NOT_FOUND
            + ", `documentNotFound` (`Document Not Found`: the slot is not one of that customer's; `Separate document"
            + " not found`: the separate document is unknown, another tenant's or holds no file)")
    @APIResponse(responseCode = "507", description = OpenApiDocs.INSUFFICIENT_STORAGE)
    @Blocking
    public Uni<Envelope<KycView>> documentLink(@NotNull @Valid DocumentLinkRequest request) {
        return Uni.createFrom().completionStage(kyc.link(caller.tenantId(), request.customerId(), request.documentId(),
                request.separateDocumentId())).map(Envelope::of);
    }
}
