package dev.kycsandbox.akepa;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An application as connectFi shows it (the {@code data} of every {@code /akepa} call but the
 * document ones, and of its webhooks): {@code outcome} only once completed.
 */
@JsonPropertyOrder({ "applicationId", "aggregatorId", "customerId", "reference", "status", "outcome",
        "entityApplications" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplicationView(String applicationId, String aggregatorId, String customerId, String reference,
        String status, String outcome, List<EntityApplication> entityApplications) {

    @JsonPropertyOrder({ "entityId", "isCustomer", "status", "outcome" })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EntityApplication(String entityId, boolean isCustomer, String status, String outcome) {
    }

    public static ApplicationView of(AkepaApplication application) {
        return at(application, application.status);
    }

    /** The application as it was when it had just changed to {@code status} (for a webhook of that change). */
    public static ApplicationView at(AkepaApplication application, ApplicationStatus status) {
        Outcome outcome = status == ApplicationStatus.COMPLETED ? application.outcome : null;
        List<EntityApplication> entities = application.entities.stream()
                .map(e -> new EntityApplication(e.entityId, e.isCustomer, status.wireName(),
                        outcome == null ? null : outcome.entityWireName()))
                .toList();
        return new ApplicationView(application.id, application.tenantId, application.customer.id,
                application.reference, status.wireName(), outcome == null ? null : outcome.wireName(), entities);
    }
}
