package dev.kycsandbox.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Bounded waiting for something that happens in the background (a webhook delivery). */
public final class Eventually {

    public static final Duration DEFAULT = Duration.ofSeconds(15);

    private Eventually() {
    }

    /** Polls {@code probe} until {@code done} holds, for at most {@code timeout}; fails with the last value seen. */
    public static <T> T await(Duration timeout, Supplier<T> probe, Predicate<T> done, String what) {
        Instant deadline = Instant.now().plus(timeout);
        T last = probe.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not reached within " + timeout + ": " + what + "; last seen: " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
            last = probe.get();
        }
        return last;
    }
}
