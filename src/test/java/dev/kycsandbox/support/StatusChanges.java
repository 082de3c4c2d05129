package dev.kycsandbox.support;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.kycsandbox.kyc.KycStatusChanged;

/**
 * A test bean that records every published {@link KycStatusChanged}, as the webhook outbox will
 * see them: for the tests that check a change was announced, whoever made it.
 */
@ApplicationScoped
public class StatusChanges {

    public record Change(String customerId, String from, String to) {
    }

    private final ConcurrentLinkedQueue<Change> seen = new ConcurrentLinkedQueue<>();

    void record(@Observes KycStatusChanged change) {
        seen.add(new Change(change.session().customer.id, change.from().name(), change.to().name()));
    }

    /** The changes published for the customer, oldest first. */
    public List<Change> of(String customerId) {
        return seen.stream().filter(c -> c.customerId().equals(customerId)).toList();
    }
}
