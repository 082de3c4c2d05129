package dev.kycsandbox.akepa;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.Envelope;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.api.MeteredUpload;
import dev.kycsandbox.api.OpenApiDocs;
import dev.kycsandbox.auth.Caller;
import dev.kycsandbox.auth.TokenRequired;
import dev.kycsandbox.upload.ReceivedUpload;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** connectFi's Akepa family, the successor of the deprecated KYC calls: not deprecated. */
@Path("/akepa")
@TokenRequired
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDocs.TAG_AKEPA, description = "connectFi's Akepa family, the successor of the deprecated KYC calls:"
        + " applications (connectFi's journeys) on the same customers and tokens, their documents, their status."
        + " Webhooks announce asynchronous changes only.")
@SecurityRequirement(name = OpenApiDocs.CONNECTFI_TOKEN)
@APIResponse(responseCode = "401", description = OpenApiDocs.UNAUTHORIZED)
public class AkepaResource {

    static final String ID_PATTERN = "^[0-9a-zA-Z_]+$";
    static final String URL_PATTERN = "^https?://\\S+$";

    private final AkepaService akepa;
    private final Caller caller;

    public AkepaResource(AkepaService akepa, Caller caller) {
        this.akepa = akepa;
        this.caller = caller;
    }

    /** {@code webhookUrl} is accepted beside {@code webhookURL}: connectFi's own example spells it so. */
    public record IdentificationRequest(@NotBlank @Size(max = 36) @Pattern(regexp = ID_PATTERN) String customerId,
            @NotNull @Pattern(regexp = "^[0-9a-zA-Z]{1,32}$") String reference,
            Boolean syncMode,
            @Size(max = 500) @Pattern(regexp = URL_PATTERN) String webhookURL,
            @Size(max = 500) @Pattern(regexp = URL_PATTERN) String webhookUrl) {

        String webhook() {
            return webhookURL != null ? webhookURL : webhookUrl;
        }
    }

    public record StatusRequest(@Size(max = 36) @Pattern(regexp = ID_PATTERN) String customerId,
            @Size(max = 36) @Pattern(regexp = ID_PATTERN) String applicationId) {
    }

    public record GenerateRequest(@NotNull @Pattern(regexp = "^(BUSINESS|PERSONAL)$") String workflow,
            @NotNull @Size(min = 1, max = 50) String name,
            @NotNull @Pattern(regexp = "^(jpg|png)$") String extension,
            @NotNull @Pattern(regexp = "^(contract|license|passport|utility|other|internal|identification_card"
                    + "|residence_permit|canada_provincial_id|indigenous_card|paystub|bank_statement|w2|1099|1120|1065"
                    + "|t1|t4)$") String type,
            @Size(max = 500) String note,
            @Email @Size(max = 254) String note_author_agent_email) {
    }

    public record DocumentReference(@NotBlank @Size(max = 36) @Pattern(regexp = ID_PATTERN) String documentId) {
    }

    public record UpdateRequest(@NotBlank @Size(max = 36) @Pattern(regexp = ID_PATTERN) String entityId,
            @NotEmpty @Size(max = 20) List<@NotNull @Valid DocumentReference> documents) {
    }

    @POST
    @Path("/identification")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start an application", description = "Starts an Akepa application for the customer:"
            + " `data_request` when date of birth, SSN/FEIN or an address is missing, otherwise `pending_step_up`."
            + " A customer whose latest application is not completed gets that one back unchanged. With"
            + " `webhookURL` (or `webhookUrl`), each asynchronous status change is POSTed there.")
    @APIResponse(responseCode = "200", description = "the application")
    @APIResponse(responseCode = "400", description = OpenApiDocs.INVALID_JSON + ", " + OpenApiDocs.CUSTOMER_NOT_FOUND
            + ", `referenceExists`: another application of the tenant has that reference")
    public Envelope<ApplicationView> identification(@NotNull @Valid IdentificationRequest request) {
        return Envelope.of(akepa.identify(caller.tenantId(), request.customerId(), request.reference(),
                request.webhook(), request.syncMode()));
    }

    @POST
    @Path("/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read an application", description = "The application named by `applicationId`, or the"
            + " latest of the customer named by `customerId`; at least one of them.")
    @APIResponse(responseCode = "200", description = "the application")
    @APIResponse(responseCode = "400", description = OpenApiDocs.INVALID_JSON + " (also when neither id is given), "
            + OpenApiDocs.CUSTOMER_NOT_FOUND + ", " + OpenApiDocs.APPLICATION_NOT_FOUND)
    public Envelope<ApplicationView> status(@NotNull @Valid StatusRequest request) {
        if (request.customerId() == null && request.applicationId() == null) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "Bad request. Name the customerId or the applicationId");
        }
        return Envelope.of(akepa.status(caller.tenantId(), request.customerId(), request.applicationId()));
    }

    @GET
    @Path("/status/{customerId}")
    @Operation(summary = "Read a customer's application", description = "The latest application of the customer"
            + " (the older form of `POST /akepa/status`).")
    @APIResponse(responseCode = "200", description = "the application")
    @APIResponse(responseCode = "400", description = OpenApiDocs.CUSTOMER_NOT_FOUND + ", "
            + OpenApiDocs.APPLICATION_NOT_FOUND)
    public Envelope<ApplicationView> statusOf(@PathParam("customerId") String customerId) {
        return Envelope.of(akepa.status(caller.tenantId(), customerId, null));
    }

    @POST
    @Path("/document/generate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Generate a document id", description = "A new `doc_…` document of the token's tenant,"
            + " declared with its workflow, name, type and extension (`jpg` or `png`), with no file yet.")
    @APIResponse(responseCode = "200", description = "the document, `uploadStatus: false`")
    @APIResponse(responseCode = "400", description = OpenApiDocs.INVALID_JSON)
    public Envelope<AkepaDocumentView> generate(@NotNull @Valid GenerateRequest request) {
        return Envelope.of(akepa.generate(caller.tenantId(), request.workflow(), request.name(), request.extension(),
                request.type(), request.note(), request.note_author_agent_email()));
    }

    /** One file in any form field; re-uploads overwrite until the application it is attached to is completed. */
    @POST
    @MeteredUpload
    @Path("/document/upload/{documentId}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload a document", description = "Stores one file as the document, durably (the same"
            + " storage, limits and durability as the legacy upload); its type, read from the content, must be the"
            + " declared extension's (`jpg`: JPEG, `png`: PNG). Re-uploads overwrite until the application the"
            + " document is attached to is completed.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = OpenApiDocs.FileUpload.class)))
    @APIResponse(responseCode = "200", description = "the document, `uploadStatus: true`")
    @APIResponse(responseCode = "400", description = OpenApiDocs.INVALID_FILE + ", or a type other than the declared"
            + " extension's; `documentNotFound`: the id is unknown or another tenant's; "
            + OpenApiDocs.APPLICATION_COMPLETED)
    @APIResponse(responseCode = "413", description = OpenApiDocs.PAYLOAD_TOO_LARGE)
    @APIResponse(responseCode = "507", description = OpenApiDocs.INSUFFICIENT_STORAGE)
    @Blocking // the token filter may query, and the received file is forced to disk here
    public Uni<Envelope<AkepaDocumentView>> upload(@PathParam("documentId") String documentId, RoutingContext rc) {
        return Uni.createFrom().completionStage(akepa.upload(caller.tenantId(), documentId, ReceivedUpload.of(rc)))
                .map(Envelope::of);
    }

    @POST
    @Path("/update")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Attach documents to an application", description = "Attaches uploaded documents to the"
            + " entity's application in progress. It leaves `pending_step_up` once it holds a `passport`, or two"
            + " documents of one of `license`, `identification_card`, `residence_permit`: to `waiting_review`"
            + " (last name WaitReview) or `running` (decided asynchronously; with `syncMode` at once).")
    @APIResponse(responseCode = "200", description = "the application")
    @APIResponse(responseCode = "400", description = OpenApiDocs.INVALID_JSON + ", " + OpenApiDocs.CUSTOMER_NOT_FOUND
            + " (the entity), " + OpenApiDocs.APPLICATION_NOT_FOUND + ", `documentNotFound`, `badRequest` (a document"
            + " holds no file, or is attached to another application), " + OpenApiDocs.APPLICATION_COMPLETED)
    public Envelope<ApplicationView> update(@NotNull @Valid UpdateRequest request) {
        return Envelope.of(akepa.update(caller.tenantId(), request.entityId(),
                request.documents().stream().map(DocumentReference::documentId).toList()));
    }
}
