package dev.kycsandbox.fault;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.Envelope;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.api.OpenApiDocs;
import dev.kycsandbox.sandbox.AdminOnly;

/** Fault and latency injection into connectFi's API, behind the admin credential. */
@Path("/sandbox/faults")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDocs.TAG_JOURNAL)
@SecurityRequirement(name = OpenApiDocs.ADMIN_TOKEN)
@APIResponse(responseCode = "401", description = OpenApiDocs.ADMIN_UNAUTHORIZED)
public class FaultResource {

    private final FaultRules rules;

    public FaultResource(FaultRules rules) {
        this.rules = rules;
    }

    public record FaultList(List<FaultView> faults) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a fault rule", description = "From now on, requests to connectFi's API that match"
            + " the rule (route, tenant, customer) get its latency and action: the next `times` of them, each with"
            + " `probability`, or every one. The first rule that matches and fires applies. Each faulted answer"
            + " carries header `x-sandbox-fault` with the rule's id; `sandbox_faults_injected_total` counts them."
            + " Only `storedThenFailed` rules let the request store anything.")
    @APIResponse(responseCode = "200", description = "the rule")
    @APIResponse(responseCode = "400", description = OpenApiDocs.INVALID_JSON + "; `badRequest`: fields that do not go together")
    public Envelope<FaultView> create(@NotNull @Valid FaultRequest request) {
        return Envelope.of(rules.create(request));
    }

    @GET
    @Operation(summary = "List the fault rules", description = "In the order they apply, each with how often it fired")
    @APIResponse(responseCode = "200", description = "the rules")
    public Envelope<FaultList> list() {
        return Envelope.of(new FaultList(rules.list()));
    }

    @DELETE
    @Path("/{faultId}")
    @Operation(summary = "Delete a fault rule")
    @APIResponse(responseCode = "200", description = "the rules left")
    @APIResponse(responseCode = "404", description = "`faultNotFound`")
    public Envelope<FaultList> delete(@PathParam("faultId") String faultId) {
        if (!rules.delete(faultId)) {
            throw new ApiException(ErrorCode.FAULT_NOT_FOUND);
        }
        return list();
    }

    @DELETE
    @Operation(summary = "Delete every fault rule")
    @APIResponse(responseCode = "200", description = "no rules left")
    public Envelope<FaultList> reset() {
        rules.reset();
        return list();
    }
}
