package dev.kycsandbox.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.api.Ids;
import dev.kycsandbox.tenant.TenantService;
import io.quarkus.elytron.security.common.BcryptUtil;

/** Logins and tokens: passwords as bcrypt, tokens as 256+ random bits kept only as SHA-256. */
@ApplicationScoped
public class AuthService {

    /** 43 base62 characters ≈ 256 bits. */
    private static final int TOKEN_LENGTH = 43;

    private final AuthConfig config;
    private final TenantService tenants;

    public AuthService(AuthConfig config, TenantService tenants) {
        this.config = config;
        this.tenants = tenants;
    }

    public record IssuedToken(String token, Instant expiresAt) {
    }

    @Transactional
    public IssuedToken issueToken(String login, String password) {
        SandboxUser user = SandboxUser.findByLogin(login)
                .filter(u -> BcryptUtil.matches(password, u.passwordHash))
                .orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED));
        Instant now = Instant.now();
        AccessToken.deleteExpired(now); // logins are rare: a fine moment to drop dead tokens
        String token = Ids.randomBase62(TOKEN_LENGTH);
        AccessToken row = new AccessToken();
        row.tokenHash = hash(token);
        row.userId = user.id;
        row.tenantId = user.tenantId;
        row.expiresAt = now.plus(config.auth().tokenLifetime()).truncatedTo(ChronoUnit.MILLIS);
        row.persist();
        return new IssuedToken(token, row.expiresAt);
    }

    /** The tenant a still-valid token belongs to. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> tenantOf(String token) {
        if (token == null || token.isEmpty() || token.length() > 256) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        return AccessToken.<AccessToken> findByIdOptional(hash(token))
                .filter(t -> t.isValidAt(now))
                .map(t -> t.tenantId);
    }

    /** Creates the user, and its tenant if need be, unless its login exists; returns whether it did. */
    @Transactional
    public boolean ensureUser(String login, String password, String tenantId) {
        if (SandboxUser.findByLogin(login).isPresent()) {
            return false;
        }
        tenants.ensure(tenantId);
        SandboxUser user = new SandboxUser();
        user.id = Ids.newId(Ids.SANDBOX_USER);
        user.login = login;
        user.passwordHash = BcryptUtil.bcryptHash(password);
        user.tenantId = tenantId;
        user.createdAt = Instant.now();
        user.persist();
        return true;
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
