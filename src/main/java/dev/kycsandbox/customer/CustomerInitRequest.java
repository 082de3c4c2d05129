package dev.kycsandbox.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /customer/init}. {@code customerType} says which schema {@code customer}
 * follows (connectFi's oneOf); an unknown or missing type still parses, so that validation
 * answers it as a {@code requestValidateError}.
 */
public record CustomerInitRequest(
        @NotBlank @Size(max = 32) @Pattern(regexp = "^[0-9a-zA-Z]+$") String customerReference,
        @NotNull @Pattern(regexp = "^(individual|business)$") String customerType,
        @NotNull @Valid
        @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXTERNAL_PROPERTY, property = "customerType",
                visible = true, defaultImpl = UnknownCustomerDetails.class)
        @JsonSubTypes({
                @JsonSubTypes.Type(value = IndividualDetails.class, name = "individual"),
                @JsonSubTypes.Type(value = BusinessDetails.class, name = "business") })
        @Schema(oneOf = { IndividualDetails.class, BusinessDetails.class },
                description = "an individual's details or a business's, as `customerType` says")
        CustomerDetails customer) {
}
