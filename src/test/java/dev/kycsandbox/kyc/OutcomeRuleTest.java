package dev.kycsandbox.kyc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class OutcomeRuleTest {

    @Test
    void shouldWaitForAnAdminWhenALastNameIsWaitReview() {
        assertEquals(OutcomeRule.WAIT_FOR_ADMIN, OutcomeRule.forLastNames(List.of("Doe", "WaitReview")));
    }

    @Test
    void shouldRejectWhenALastNameStartsWithReject() {
        assertEquals(OutcomeRule.REJECT, OutcomeRule.forLastNames(List.of("Smith", "RejectFraud")));
    }

    @Test
    void shouldLetWaitReviewWinOverReject() {
        assertEquals(OutcomeRule.WAIT_FOR_ADMIN, OutcomeRule.forLastNames(List.of("Reject", "WaitReview")));
    }

    @Test
    void shouldApproveAnyOtherNameAndNoNameAtAll() {
        assertEquals(OutcomeRule.APPROVE, OutcomeRule.forLastNames(List.of("Doe")));
        assertEquals(OutcomeRule.APPROVE, OutcomeRule.forLastNames(null));
        assertEquals(OutcomeRule.APPROVE, OutcomeRule.forLastNames(Arrays.asList((String) null)));
    }

    @Test
    void shouldMatchCaseSensitively() {
        assertEquals(OutcomeRule.APPROVE, OutcomeRule.forLastNames(List.of("waitreview", "reject")));
    }
}
