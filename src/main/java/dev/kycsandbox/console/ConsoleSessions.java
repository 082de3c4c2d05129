package dev.kycsandbox.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import dev.kycsandbox.api.Ids;
import dev.kycsandbox.sandbox.AdminCredential;

/**
 * Console logins: the admin token is checked once, at login, and never kept; the browser holds
 * only a random session id (in an HttpOnly, SameSite=Strict cookie), which maps here, in memory,
 * to its CSRF token. A restart logs everyone out. Sessions idle for {@link #IDLE} end.
 */
@Singleton
public class ConsoleSessions {

    static final Duration IDLE = Duration.ofHours(8);
    /** Bounds the memory a flood of logins can take: past it, the session idle longest is dropped. */
    static final int MAX_SESSIONS = 1000;

    private final AdminCredential credential;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public ConsoleSessions(AdminCredential credential) {
        this.credential = credential;
    }

    /** A logged-in browser: its session id and the CSRF token its forms must carry. */
    public static final class Session {
        final String id;
        final String csrf;
        private volatile Instant lastSeen;

        Session(String id, String csrf, Instant now) {
            this.id = id;
            this.csrf = csrf;
            this.lastSeen = now;
        }

        public String csrf() {
            return csrf;
        }

        /** Constant-time, like the admin token's check. */
        boolean acceptsCsrf(String presented) {
            return presented != null
                    && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A new session if {@code adminToken} is the admin credential. */
    Optional<Session> login(String adminToken) {
        if (!credential.matches(adminToken)) {
            return Optional.empty();
        }
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().stream().min((a, b) -> a.lastSeen.compareTo(b.lastSeen))
                    .ifPresent(oldest -> sessions.remove(oldest.id));
        }
        Session session = new Session(Ids.randomBase62(32), Ids.randomBase62(32), Instant.now());
        sessions.put(session.id, session);
        return Optional.of(session);
    }

    /** The live session of id {@code sessionId}, its idle time reset. */
    Optional<Session> find(String sessionId) {
        if (sessionId == null) {
            return Optional.empty();
        }
        Session session = sessions.get(sessionId);
        Instant now = Instant.now();
        if (session == null || session.lastSeen.plus(IDLE).isBefore(now)) {
            if (session != null) {
                sessions.remove(sessionId);
            }
            return Optional.empty();
        }
        session.lastSeen = now;
        return Optional.of(session);
    }

    void logout(Session session) {
        sessions.remove(session.id);
    }
}
