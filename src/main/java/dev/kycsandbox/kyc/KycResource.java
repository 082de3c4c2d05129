package dev.kycsandbox.kyc;

import java.util.List;

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

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.kycsandbox.api.DeprecatedEndpoint;
import dev.kycsandbox.api.Envelope;
import dev.kycsandbox.api.MeteredUpload;
import dev.kycsandbox.api.SingleFile;
import dev.kycsandbox.auth.Caller;
import dev.kycsandbox.auth.TokenRequired;

/** connectFi's deprecated {@code /customer/kyc/*} family, the legacy upload among them. */
@Path("/customer/kyc")
@TokenRequired
@DeprecatedEndpoint
@Produces(MediaType.APPLICATION_JSON)
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
    public Envelope<KycView> init(@NotNull @Valid InitRequest request) {
        return Envelope.of(kyc.init(caller.tenantId(), request.customerId(), request.webhookURL(), request.syncMode()));
    }

    @POST
    @Path("/add-attributes")
    @DeprecatedEndpoint(successor = DeprecatedEndpoint.AKEPA_UPDATE)
    @Consumes(MediaType.APPLICATION_JSON)
    public Envelope<KycView> addAttributes(@NotNull @Valid AddAttributesRequest request) {
        return Envelope.of(kyc.addCardAttributes(caller.tenantId(), request.customerId(),
                request.additionalAttributes().cardAttributes()));
    }

    @GET
    @Path("/status/{customerId}")
    @DeprecatedEndpoint(successor = DeprecatedEndpoint.AKEPA_STATUS)
    public Envelope<KycView> status(@PathParam("customerId") String customerId) {
        return Envelope.of(kyc.status(caller.tenantId(), customerId));
    }

    /** The legacy upload: one file in any form field, overwriting the slot until KYC is complete. */
    @POST
    @MeteredUpload
    @Path("/upload/{customerId}/{documentId}")
    @DeprecatedEndpoint(successor = DeprecatedEndpoint.AKEPA_DOCUMENT_UPLOAD)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Envelope<KycView> upload(@PathParam("customerId") String customerId,
            @PathParam("documentId") String documentId,
            @RestForm(FileUpload.ALL) List<FileUpload> files) {
        return Envelope.of(kyc.upload(caller.tenantId(), customerId, documentId, SingleFile.of(files)));
    }

    /** Copies a separately uploaded document into a slot: allowed even once KYC is complete. */
    @POST
    @Path("/document-link")
    @DeprecatedEndpoint(successor = DeprecatedEndpoint.AKEPA_UPDATE)
    @Consumes(MediaType.APPLICATION_JSON)
    public Envelope<KycView> documentLink(@NotNull @Valid DocumentLinkRequest request) {
        return Envelope.of(kyc.link(caller.tenantId(), request.customerId(), request.documentId(),
                request.separateDocumentId()));
    }
}
