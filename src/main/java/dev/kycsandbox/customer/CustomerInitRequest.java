package dev.kycsandbox.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /customer/init}; business customers are not served yet. */
public record CustomerInitRequest(
        @NotBlank @Size(max = 32) @Pattern(regexp = "^[0-9a-zA-Z]+$") String customerReference,
        @NotNull @Pattern(regexp = "^individual$") String customerType,
        @NotNull @Valid IndividualDetails customer) {
}
