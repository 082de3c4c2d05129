package dev.kycsandbox.akepa;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/**
 * The outcome rules deciding running applications asynchronously, like the legacy
 * {@code AutoDecisions}: the decision time is set in the transaction that starts the run, and
 * this job takes the decisions that are due, on the same poll interval. Persisted, so a decision
 * due before a crash is taken after the restart.
 */
@ApplicationScoped
public class AkepaDecisions {

    /** Applications decided per transaction; the job goes on while it finds full batches. */
    static final int BATCH = 100;

    private final AkepaService akepa;

    public AkepaDecisions(AkepaService akepa) {
        this.akepa = akepa;
    }

    @Scheduled(identity = "akepa-auto-decisions", every = "${sandbox.kyc.decision-poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void decideDueApplications() {
        while (akepa.decideDue(BATCH) == BATCH) {
            // a full batch: more may be due
        }
    }
}
