package dev.kycsandbox.customer;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.kycsandbox.api.Ids;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The {@code customer} object of a business. connectFi confirms the names {@code businessAddresses},
 * {@code businessPhones} and {@code businessRepresentatives}; the FEIN travels, like an
 * individual's SSN, as an {@code identificationDocuments} entry (type {@code FEIN}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record BusinessDetails(
        @NotBlank @Size(max = 100) String legalName,
        @Size(max = 100) String dba,
        @Email @Size(max = 254) String email,
        @Pattern(regexp = "^\\d{4}-\\d{2}-\\d{2}$") String incorporationDate,
        @Pattern(regexp = "^[A-Z]{3}$") String incorporationCountryCodeA3,
        @Size(max = 10) List<Map<String, Object>> businessAddresses,
        @Size(max = 10) List<Map<String, Object>> businessPhones,
        @Size(max = 10) List<@NotNull @Valid IdentificationDocument> identificationDocuments,
        @NotEmpty @Size(max = 10) List<@NotNull @Valid Representative> businessRepresentatives) implements CustomerDetails {

    static final String REPRESENTATIVE = "brep";

    /** A person acting for the business; connectFi gives one without an id an id of its own. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Representative(
            @Size(max = 36) @Pattern(regexp = "^[0-9a-zA-Z_]+$") String id,
            @NotBlank @Size(max = 50) String firstName,
            @NotBlank @Size(max = 50) String lastName,
            @Pattern(regexp = "^\\d{4}-\\d{2}-\\d{2}$") String dateOfBirth,
            @Email @Size(max = 254) String email,
            @Size(max = 50) String title,
            @Size(max = 10) List<Map<String, Object>> phones,
            @Size(max = 10) List<Map<String, Object>> addresses,
            @Size(max = 10) List<@NotNull @Valid IdentificationDocument> identificationDocuments) {

        Representative withId(String newId) {
            return new Representative(newId, firstName, lastName, dateOfBirth, email, title, phones, addresses,
                    identificationDocuments);
        }
    }

    @Override
    public String idPrefix() {
        return Ids.BUSINESS_CUSTOMER;
    }

    @Override
    public Optional<String> taxId() {
        return IdentificationDocument.valueOf(identificationDocuments, IdentificationDocument.FEIN);
    }

    @Override
    public List<String> lastNames() {
        return businessRepresentatives.stream().map(Representative::lastName).toList();
    }

    @Override
    public CustomerDetails withGeneratedIds() {
        List<Representative> representatives = businessRepresentatives.stream()
                .map(r -> r.id() == null ? r.withId(Ids.newId(REPRESENTATIVE)) : r).toList();
        return new BusinessDetails(legalName, dba, email, incorporationDate, incorporationCountryCodeA3,
                businessAddresses, businessPhones, identificationDocuments, representatives);
    }
}
