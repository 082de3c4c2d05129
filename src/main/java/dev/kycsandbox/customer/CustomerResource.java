package dev.kycsandbox.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

import dev.kycsandbox.api.Envelope;
import dev.kycsandbox.api.OpenApiDocs;
import dev.kycsandbox.auth.Caller;
import dev.kycsandbox.auth.TokenRequired;

@Path("/customer")
@TokenRequired
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDocs.TAG_CUSTOMER, description = "connectFi customers, individuals and businesses, of the token's tenant")
@SecurityRequirement(name = OpenApiDocs.CONNECTFI_TOKEN)
@APIResponse(responseCode = "401", description = OpenApiDocs.UNAUTHORIZED)
public class CustomerResource {

    private final CustomerService customers;
    private final Caller caller;

    public CustomerResource(CustomerService customers, Caller caller) {
        this.customers = customers;
        this.caller = caller;
    }

    @POST
    @Path("/init")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a customer", description = "An individual (`customerType: individual`, id `cstap_…`)"
            + " or a business (`business`, id `cstab_…`) of the token's tenant; does not start KYC. The last name"
            + " (a business's representatives' too) chooses the KYC outcome (docs/api.md §6).")
    @APIResponse(responseCode = "200", description = "the new customer")
    @APIResponse(responseCode = "400", description = OpenApiDocs.INVALID_JSON + ", `referenceExists` (the reference is"
            + " used in the tenant), `customerExists` (the SSN or FEIN is registered in the tenant)")
    public Envelope<CustomerView> init(@NotNull @Valid CustomerInitRequest request) {
        return Envelope.of(CustomerView.of(customers.init(caller.tenantId(), request)));
    }

    @GET
    @Path("/status/{customerId}")
    @Operation(summary = "Read a customer", description = "The customer object, `kycStatus` that of its last KYC session"
            + " (null before KYC starts).")
    @APIResponse(responseCode = "200", description = "the customer")
    @APIResponse(responseCode = "400", description = OpenApiDocs.CUSTOMER_NOT_FOUND)
    public Envelope<CustomerView> status(@PathParam("customerId") String customerId) {
        return Envelope.of(CustomerView.of(customers.require(caller.tenantId(), customerId)));
    }
}
