package dev.kycsandbox.document;

import jakarta.ws.rs.Consumes;
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

/** connectFi's deprecated {@code /document/*} family: documents uploaded apart from a customer. */
@Path("/document")
@DeprecatedEndpoint
@TokenRequired
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDocs.TAG_DOCUMENT, description = "connectFi's deprecated separate documents, uploaded apart from"
        + " a customer and linked into KYC slots later. Every answer carries `Deprecation` and a `Link` to the Akepa successor.")
@SecurityRequirement(name = OpenApiDocs.CONNECTFI_TOKEN)
@APIResponse(responseCode = "401", description = OpenApiDocs.UNAUTHORIZED)
public class SeparateDocumentResource {

    private final SeparateDocumentService documents;
    private final Caller caller;

    public SeparateDocumentResource(SeparateDocumentService documents, Caller caller) {
        this.documents = documents;
        this.caller = caller;
    }

    /** A new document id with no file; no body is read. */
    @POST
    @Path("/generate")
    @DeprecatedEndpoint(successor = DeprecatedEndpoint.AKEPA_DOCUMENT_GENERATE)
    @Operation(deprecated = true, summary = "Generate a separate document id", description = "A new `sdoc_…` id of the"
            + " token's tenant, with no file yet; no body is read. Successor: `/akepa/document/generate`.")
    @APIResponse(responseCode = "200", description = "the new document, `uploadStatus: false`")
    public Envelope<SeparateDocumentView> generate() {
        return Envelope.of(documents.generate(caller.tenantId()));
    }

    /** One file in any form field; re-uploads overwrite. */
    @POST
    @MeteredUpload
    @Path("/upload/{documentId}")
    @DeprecatedEndpoint(successor = DeprecatedEndpoint.AKEPA_DOCUMENT_UPLOAD)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(deprecated = true, summary = "Upload a separate document", description = "Stores one file, durably;"
            + " re-uploads overwrite at any time. Successor: `/akepa/document/upload/{documentId}`.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = OpenApiDocs.FileUpload.class)))
    @APIResponse(responseCode = "200", description = "the document, `uploadStatus: true` and its `extension`")
    @APIResponse(responseCode = "400", description = OpenApiDocs.INVALID_FILE + "; `documentNotFound` (`Separate"
            + " document not found`): the id is unknown, another tenant's or a KYC slot's")
    @APIResponse(responseCode = "413", description = OpenApiDocs.PAYLOAD_TOO_LARGE)
    @APIResponse(responseCode = "507", description = OpenApiDocs.INSUFFICIENT_STORAGE)
    @Blocking // the token filter may query, and the received file is forced to disk here
    public Uni<Envelope<SeparateDocumentView>> upload(@PathParam("documentId") String documentId, RoutingContext rc) {
        return Uni.createFrom().completionStage(documents.upload(caller.tenantId(), documentId, ReceivedUpload.of(rc)))
                .map(Envelope::of);
    }
}
