package dev.kycsandbox.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The backoff and give-up rule alone. */
class RetryPolicyTest {

    @Test
    void shouldDoubleTheWaitAfterEachFailureUpToTheCapThenGiveUp() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(5), Duration.ofMinutes(10));
        List<Duration> waits = new ArrayList<>();
        for (int attempt = 1; attempt < 10; attempt++) {
            waits.add(policy.delayAfterFailedAttempt(attempt).orElseThrow());
        }
        assertEquals(List.of(seconds(5), seconds(10), seconds(20), seconds(40), seconds(80), seconds(160),
                seconds(320), seconds(600), seconds(600)), waits);
        assertEquals(Optional.empty(), policy.delayAfterFailedAttempt(10), "the 10th failure is the last");
        assertEquals(Optional.empty(), policy.delayAfterFailedAttempt(11));
    }

    @Test
    void shouldGiveUpAfterTheOnlyAttemptWhenOneIsAllowed() {
        RetryPolicy policy = new RetryPolicy(1, Duration.ofSeconds(5), Duration.ofMinutes(10));
        assertEquals(Optional.empty(), policy.delayAfterFailedAttempt(1));
    }

    @Test
    void shouldNeverOverflowWithManyAttempts() {
        RetryPolicy policy = new RetryPolicy(Integer.MAX_VALUE, Duration.ofMillis(1), Duration.ofDays(1));
        assertEquals(Optional.of(Duration.ofDays(1)), policy.delayAfterFailedAttempt(1_000_000));
        assertEquals(Optional.of(Duration.ofMillis(1024)), policy.delayAfterFailedAttempt(11));
    }

    @Test
    void shouldCapTheFirstWaitWhenInitialExceedsMax() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMinutes(5), Duration.ofMinutes(1));
        assertEquals(Optional.of(Duration.ofMinutes(1)), policy.delayAfterFailedAttempt(1));
    }

    @Test
    void shouldRefuseNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, seconds(1), seconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(3, seconds(-1), seconds(1)));
        RetryPolicy policy = new RetryPolicy(3, seconds(1), seconds(1));
        assertThrows(IllegalArgumentException.class, () -> policy.delayAfterFailedAttempt(0));
    }

    private static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
