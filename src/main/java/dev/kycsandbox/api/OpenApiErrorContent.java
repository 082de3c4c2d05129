package dev.kycsandbox.api;

import java.util.TreeMap;

import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Every error answer of the sandbox is the {@link ErrorBody} envelope: gives each 4xx/5xx response
 * of the OpenAPI document that declares no content of its own that schema, so that the resources'
 * {@code @APIResponse} annotations only carry the status and the error codes; lists each operation's
 * responses by status. Runs at build time.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class OpenApiErrorContent implements OASFilter {

    static final String ERROR_SCHEMA = "ErrorBody";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                if (operation.getResponses() != null) {
                    operation.getResponses().getAPIResponses().forEach(OpenApiErrorContent::describeError);
                    // by status: the class-wide responses (401) were added before the method's own
                    operation.getResponses().setAPIResponses(new TreeMap<>(operation.getResponses().getAPIResponses()));
                }
            }
        }
    }

    private static void describeError(String status, APIResponse response) {
        if (status.startsWith("4") || status.startsWith("5")) {
            if (response.getContent() == null || response.getContent().getMediaTypes().isEmpty()) {
                response.setContent(OASFactory.createContent().addMediaType(MediaType.APPLICATION_JSON,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_SCHEMA))));
            }
        }
    }
}
