package dev.kycsandbox.customer;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.kycsandbox.api.Timestamps;

/** The customer object connectFi returns, with {@code kycStatus} null until KYC starts. */
@JsonPropertyOrder({ "reference", "customerId", "customerType", "customer", "kycStatus", "boises", "dtsCreatedAt" })
public record CustomerView(String reference, String customerId, String customerType, @JsonRawValue
        @Schema(type = SchemaType.OBJECT, description = "the `customer` object of `/customer/init`, with the fields the schema"
                + " knows") String customer,
        String kycStatus, List<Object> boises, String dtsCreatedAt) {

    public static CustomerView of(Customer customer) {
        return new CustomerView(customer.reference, customer.id, customer.customerType, customer.details,
                customer.kycStatus, List.of(), Timestamps.format(customer.createdAt));
    }

    /** The same customer object showing {@code status} as its KYC status. */
    public CustomerView withKycStatus(String status) {
        return new CustomerView(reference, customerId, customerType, customer, status, boises, dtsCreatedAt);
    }
}
