package dev.kycsandbox.customer;

import java.util.List;
import java.util.Optional;

/**
 * Stands for the {@code customer} object when {@code customerType} is missing or unknown, so the
 * request reaches validation and gets a {@code requestValidateError} on {@code customerType}
 * instead of a parse failure.
 */
public record UnknownCustomerDetails() implements CustomerDetails {

    @Override
    public String idPrefix() {
        throw new IllegalStateException("validation refuses an unknown customer type");
    }

    @Override
    public Optional<String> taxId() {
        return Optional.empty();
    }

    @Override
    public List<String> lastNames() {
        return List.of();
    }
}
