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

import dev.kycsandbox.api.Envelope;
import dev.kycsandbox.auth.Caller;
import dev.kycsandbox.auth.TokenRequired;

@Path("/customer")
@TokenRequired
@Produces(MediaType.APPLICATION_JSON)
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
    public Envelope<CustomerView> init(@NotNull @Valid CustomerInitRequest request) {
        return Envelope.of(CustomerView.of(customers.init(caller.tenantId(), request)));
    }

    @GET
    @Path("/status/{customerId}")
    public Envelope<CustomerView> status(@PathParam("customerId") String customerId) {
        return Envelope.of(CustomerView.of(customers.require(caller.tenantId(), customerId)));
    }
}
