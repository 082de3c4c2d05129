package dev.kycsandbox.document;

import java.util.List;

import jakarta.ws.rs.Consumes;
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

/** connectFi's deprecated {@code /document/*} family: documents uploaded apart from a customer. */
@Path("/document")
@DeprecatedEndpoint
@TokenRequired
@Produces(MediaType.APPLICATION_JSON)
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
    public Envelope<SeparateDocumentView> generate() {
        return Envelope.of(documents.generate(caller.tenantId()));
    }

    /** One file in any form field; re-uploads overwrite. */
    @POST
    @MeteredUpload
    @Path("/upload/{documentId}")
    @DeprecatedEndpoint(successor = DeprecatedEndpoint.AKEPA_DOCUMENT_UPLOAD)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Envelope<SeparateDocumentView> upload(@PathParam("documentId") String documentId,
            @RestForm(FileUpload.ALL) List<FileUpload> files) {
        return Envelope.of(documents.upload(caller.tenantId(), documentId, SingleFile.of(files)));
    }
}
