package dev.kycsandbox.kyc;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The {@code cardAttributes} group that {@code licenseUSACondor} requests through add-attributes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record CardAttributes(
        @NotBlank @Size(max = 50) String productID,
        @NotBlank @Size(max = 50) String nameOnCard,
        @NotBlank @Size(max = 50) String designId,
        @NotNull @Pattern(regexp = "^(PRIMARY|SECONDARY)$") String addressType,
        @NotNull @Pattern(regexp = "^(NEW|REGISTRATION|RE-ISSUE|EXPIRED|DAMAGED)$") String issueType,
        @Size(max = 50) Map<String, Object> additionalData) {

    public static final String GROUP = "cardAttributes";
}
