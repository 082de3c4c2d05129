package dev.kycsandbox.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Tokens validated in the last {@code sandbox.auth.token-cache-ttl}, so that a client under load
 * does not cost a read of its token's row on every request (5 % of the upload's CPU before).
 * An entry is never trusted past its token's expiry. Deleting a user empties the cache of this
 * instance at once; another instance sharing the database refuses that user's tokens within the
 * TTL at most.
 */
@ApplicationScoped
public class TokenCache {

    /** Plenty for a sandbox's clients; past it the cache starts over rather than tracking age. */
    static final int MAX_ENTRIES = 10_000;

    private record Entry(String tenantId, Instant expiresAt, long trustedUntilNanos) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** Bumped by {@link #forgetAll}: a read that began before it must not be cached after it. */
    private final AtomicLong generation = new AtomicLong();
    private final long ttlNanos;

    @Inject
    public TokenCache(AuthConfig config) {
        this(config.auth().tokenCacheTtl());
    }

    TokenCache(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    /** The token's tenant, if the token was found valid within the TTL and has not expired since. */
    Optional<String> tenantOf(String tokenHash, Instant now) {
        Entry entry = ttlNanos > 0 ? entries.get(tokenHash) : null;
        if (entry == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - entry.trustedUntilNanos > 0 || !now.isBefore(entry.expiresAt)) {
            entries.remove(tokenHash, entry);
            return Optional.empty();
        }
        return Optional.of(entry.tenantId);
    }

    /** Call before reading a token's row; pass the result to {@link #remember}. */
    long generation() {
        return generation.get();
    }

    /** Remembers a token found valid, unless {@link #forgetAll} ran since {@code readAtGeneration}. */
    void remember(String tokenHash, String tenantId, Instant expiresAt, long readAtGeneration) {
        if (ttlNanos <= 0) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(tokenHash, new Entry(tenantId, expiresAt, System.nanoTime() + ttlNanos));
        if (generation.get() != readAtGeneration) {
            entries.remove(tokenHash); // a user was deleted meanwhile: this read may predate it
        }
    }

    /** After tokens were revoked: nothing cached before is trusted again. */
    void forgetAll() {
        generation.incrementAndGet();
        entries.clear();
    }
}
