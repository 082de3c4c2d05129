package dev.kycsandbox.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.api.Ids;
import dev.kycsandbox.tenant.TenantService;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Logins and tokens: passwords as bcrypt, tokens as 256+ random bits kept only as SHA-256. */
@ApplicationScoped
public class AuthService {

    /** 43 base62 characters ≈ 256 bits. */
    private static final int TOKEN_LENGTH = 43;
    /** The unique constraint V1 gave {@code sandbox_user.login}: logins are unique across tenants. */
    static final String LOGIN_CONSTRAINT = "sandbox_user_login_key";

    private final AuthConfig config;
    private final TenantService tenants;
    private final LoginThrottle throttle;
    private final TokenCache tokens;

    public AuthService(AuthConfig config, TenantService tenants, LoginThrottle throttle, TokenCache tokens) {
        this.config = config;
        this.tenants = tenants;
        this.throttle = throttle;
        this.tokens = tokens;
    }

    public record IssuedToken(String token, Instant expiresAt) {
    }

    /** A token for the login, unless the password is wrong or {@code address} or the login guessed too often. */
    @Transactional
    public IssuedToken issueToken(String login, String password, String address) {
        throttle.check(login, address);
        SandboxUser user = SandboxUser.findByLogin(login)
                .filter(u -> BcryptUtil.matches(password, u.passwordHash))
                .orElseThrow(() -> {
                    throttle.failed(login, address);
                    return new ApiException(ErrorCode.UNAUTHORIZED);
                });
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
        String tokenHash = hash(token);
        Optional<String> cached = tokens.tenantOf(tokenHash, now);
        if (cached.isPresent()) {
            return cached;
        }
        long generation = tokens.generation();
        Optional<AccessToken> valid = AccessToken.<AccessToken> findByIdOptional(tokenHash).filter(t -> t.isValidAt(now));
        valid.ifPresent(t -> tokens.remember(tokenHash, t.tenantId, t.expiresAt, generation));
        return valid.map(t -> t.tenantId);
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
        user.passwordHash = hashPassword(password);
        user.tenantId = tenantId;
        user.createdAt = Instant.now();
        user.persist();
        return true;
    }

    /**
     * A new user of an existing tenant (the admin API). Logins are unique across tenants, since a
     * login alone says which tenant a token is for: an existing one is refused with
     * {@code loginExists}, also when a concurrent request took it first.
     */
    public SandboxUser createUser(String tenantId, String login, String password) {
        String passwordHash = hashPassword(password); // slow on purpose: outside the transaction
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                tenants.require(tenantId);
                if (SandboxUser.findByLogin(login).isPresent()) {
                    throw new ApiException(ErrorCode.LOGIN_EXISTS);
                }
                SandboxUser user = new SandboxUser();
                user.id = Ids.newId(Ids.SANDBOX_USER);
                user.login = login;
                user.passwordHash = passwordHash;
                user.tenantId = tenantId;
                user.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                user.persistAndFlush();
                return user;
            });
        } catch (PersistenceException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ConstraintViolationException violation
                        && LOGIN_CONSTRAINT.equals(violation.getConstraintName())) {
                    throw new ApiException(ErrorCode.LOGIN_EXISTS);
                }
            }
            throw e;
        }
    }

    /** Deletes a user of the tenant and, with it (by cascade), its tokens. */
    public void deleteUser(String tenantId, String login) {
        QuarkusTransaction.requiringNew().run(() -> {
            tenants.require(tenantId);
            if (SandboxUser.delete("tenantId = ?1 and login = ?2", tenantId, login) == 0) {
                throw new ApiException(ErrorCode.USER_NOT_FOUND);
            }
        });
        tokens.forgetAll(); // once committed: a token read before the delete is not cached after it
    }

    /** Every user, ordered by login, for the admin API. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SandboxUser> users() {
        return SandboxUser.list("order by login");
    }

    /** The tenant's users, ordered by login. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SandboxUser> usersOf(String tenantId) {
        return SandboxUser.list("tenantId = ?1 order by login", tenantId);
    }

    private String hashPassword(String password) {
        return BcryptUtil.bcryptHash(password, config.auth().passwordHashCost());
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
