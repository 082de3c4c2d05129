package dev.kycsandbox.customer;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.kycsandbox.api.Ids;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The {@code customer} object of an individual, as connectFi documents it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record IndividualDetails(
        @NotBlank @Size(max = 50) String firstName,
        @Size(max = 50) String middleName,
        @NotBlank @Size(max = 50) String lastName,
        @Pattern(regexp = "^\\d{4}-\\d{2}-\\d{2}$") String dateOfBirth,
        @Email @Size(max = 254) String email,
        @Size(max = 16) String gender,
        @Pattern(regexp = "^[A-Z]{3}$") String citizenshipCountryCodeA3,
        @Size(max = 10) List<Map<String, Object>> phones,
        @Size(max = 10) List<Map<String, Object>> addresses,
        @Size(max = 10) List<@NotNull @Valid IdentificationDocument> identificationDocuments) implements CustomerDetails {

    @Override
    public String idPrefix() {
        return Ids.INDIVIDUAL_CUSTOMER;
    }

    @Override
    public Optional<String> taxId() {
        return IdentificationDocument.valueOf(identificationDocuments, IdentificationDocument.SSN);
    }

    @Override
    public List<String> lastNames() {
        return List.of(lastName);
    }
}
