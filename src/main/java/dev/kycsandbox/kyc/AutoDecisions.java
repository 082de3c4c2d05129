package dev.kycsandbox.kyc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.scheduler.Scheduled;

/**
 * The outcome rules at work, like a vendor sandbox deciding asynchronously: a session that enters
 * review gets its decision time in the same transaction, and a periodic job takes the decisions
 * that are due. Both live in the database, so a decision due before a crash is taken after the
 * restart; an admin decision taken first wins, since the job decides only sessions still in review.
 */
@ApplicationScoped
public class AutoDecisions {

    /** Sessions decided per transaction; the job goes on while it finds full batches. */
    static final int BATCH = 100;

    private final KycService kyc;
    private final KycConfig config;

    public AutoDecisions(KycService kyc, KycConfig config) {
        this.kyc = kyc;
        this.config = config;
    }

    /** Runs inside the transaction of the change that put the session in review. */
    void scheduleOnReview(@Observes KycStatusChanged change) {
        if (change.to() == KycStatus.IN_REVIEW) {
            change.session().scheduleAutomaticDecision(change.at(), config.autoDecisionDelay());
        }
    }

    @Scheduled(identity = "kyc-auto-decisions", every = "${sandbox.kyc.decision-poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void decideDueSessions() {
        while (kyc.decideDue(BATCH) == BATCH) {
            // a full batch: more may be due
        }
    }
}
