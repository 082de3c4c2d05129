package dev.kycsandbox.customer;

import java.util.List;
import java.util.Optional;

/** The {@code customer} object of {@code /customer/init}: an individual's or a business's. */
public sealed interface CustomerDetails permits IndividualDetails, BusinessDetails, UnknownCustomerDetails {

    /** The id prefix of this kind of customer ({@code cstap} or {@code cstab}). */
    String idPrefix();

    /** The number connectFi detects duplicates by: an individual's SSN, a business's FEIN. */
    Optional<String> taxId();

    /** Last names the sandbox's outcome rules look at: the individual's, or every representative's. */
    List<String> lastNames();

    /** Gives representatives without an id one, as connectFi does; returns the details to store. */
    default CustomerDetails withGeneratedIds() {
        return this;
    }
}
