package dev.kycsandbox.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Instant EXPIRY = NOW.plusSeconds(3600);

    @Test
    void shouldTrustTokenFoundValidWithinTtl() {
        TokenCache cache = new TokenCache(Duration.ofMinutes(1));
        cache.remember("h1", "tenant-a", EXPIRY, cache.generation());
        assertEquals(Optional.of("tenant-a"), cache.tenantOf("h1", NOW));
        assertTrue(cache.tenantOf("h2", NOW).isEmpty());
    }

    @Test
    void shouldNotTrustCachedTokenPastItsExpiry() {
        TokenCache cache = new TokenCache(Duration.ofMinutes(1));
        cache.remember("h1", "tenant-a", EXPIRY, cache.generation());
        assertTrue(cache.tenantOf("h1", EXPIRY).isEmpty());
        assertTrue(cache.tenantOf("h1", NOW).isEmpty(), "an expired entry is dropped");
    }

    @Test
    void shouldNotTrustCachedTokenPastTtl() throws InterruptedException {
        TokenCache cache = new TokenCache(Duration.ofMillis(20));
        cache.remember("h1", "tenant-a", EXPIRY, cache.generation());
        Thread.sleep(40);
        assertTrue(cache.tenantOf("h1", NOW).isEmpty());
    }

    @Test
    void shouldForgetEveryTokenOnceTokensAreRevoked() {
        TokenCache cache = new TokenCache(Duration.ofMinutes(1));
        cache.remember("h1", "tenant-a", EXPIRY, cache.generation());
        cache.forgetAll();
        assertTrue(cache.tenantOf("h1", NOW).isEmpty());
    }

    @Test
    void shouldNotCacheReadThatBeganBeforeRevocation() {
        TokenCache cache = new TokenCache(Duration.ofMinutes(1));
        long readAt = cache.generation();
        cache.forgetAll(); // the user is deleted while its token's row is being read
        cache.remember("h1", "tenant-a", EXPIRY, readAt);
        assertTrue(cache.tenantOf("h1", NOW).isEmpty());
    }

    @Test
    void shouldCacheNothingWhenTtlIsZero() {
        TokenCache cache = new TokenCache(Duration.ZERO);
        cache.remember("h1", "tenant-a", EXPIRY, cache.generation());
        assertTrue(cache.tenantOf("h1", NOW).isEmpty());
    }

    @Test
    void shouldStayBoundedUnderManyTokens() {
        TokenCache cache = new TokenCache(Duration.ofMinutes(1));
        for (int i = 0; i <= TokenCache.MAX_ENTRIES; i++) {
            cache.remember("h" + i, "tenant-a", EXPIRY, cache.generation());
        }
        assertTrue(cache.tenantOf("h0", NOW).isEmpty(), "full: started over");
        assertEquals(Optional.of("tenant-a"), cache.tenantOf("h" + TokenCache.MAX_ENTRIES, NOW));
    }
}
