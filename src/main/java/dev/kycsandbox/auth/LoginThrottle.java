package dev.kycsandbox.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;

/**
 * Limits password guessing: after {@code per-login} failed logins for one login, or
 * {@code per-address} from one client address, within {@code window}, every further attempt for
 * it — the right password included, so that a guesser learns nothing — is refused with 429
 * {@code tooManyRequests} until the window has passed. Only failures count: integrators and load
 * tests that log in often are never slowed down. Kept in memory, per instance.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Past this many tracked keys, expired windows are dropped (a scan of guessed logins cannot grow the map for ever). */
    private static final int PRUNE_ABOVE = 10_000;

    private final Map<String, Window> failures = new ConcurrentHashMap<>();
    private final int perLogin;
    private final int perAddress;
    private final long windowNanos;

    public LoginThrottle(AuthConfig config) {
        AuthConfig.LoginAttempts limits = config.auth().loginAttempts();
        this.perLogin = limits.perLogin();
        this.perAddress = limits.perAddress();
        this.windowNanos = limits.window().toNanos();
    }

    private record Window(long startNanos, int failures) {
    }

    /** Refuses the attempt when the login or the address has used up its failures. */
    void check(String login, String address) {
        long now = System.nanoTime();
        if (used(loginKey(login), now) >= perLogin || used(addressKey(address), now) >= perAddress) {
            throw new ApiException(ErrorCode.TOO_MANY_REQUESTS);
        }
    }

    void failed(String login, String address) {
        long now = System.nanoTime();
        count(loginKey(login), now);
        count(addressKey(address), now);
        if (failures.size() > PRUNE_ABOVE) {
            failures.values().removeIf(w -> now - w.startNanos() >= windowNanos);
        }
    }

    private int used(String key, long now) {
        Window window = failures.get(key);
        return window == null || now - window.startNanos() >= windowNanos ? 0 : window.failures();
    }

    private void count(String key, long now) {
        failures.compute(key, (k, w) -> w == null || now - w.startNanos() >= windowNanos
                ? new Window(now, 1)
                : new Window(w.startNanos(), w.failures() + 1));
    }

    private static String loginKey(String login) {
        return "login:" + login;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
