package dev.kycsandbox.kyc;

/** A KYC session's status; APPROVED and REJECTED are terminal ("KYC process completed"). */
public enum KycStatus {
    WAITING_DATA,
    IN_REVIEW,
    APPROVED,
    REJECTED;

    public boolean isTerminal() {
        return this == APPROVED || this == REJECTED;
    }
}
