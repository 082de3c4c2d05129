package dev.kycsandbox.auth;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sandbox")
public interface AuthConfig {

    Auth auth();

    Bootstrap bootstrap();

    interface Auth {
        /** How long an issued token is accepted ({@code SANDBOX_AUTH_TOKEN_LIFETIME}). */
        @WithDefault("24h")
        Duration tokenLifetime();

        /**
         * The bcrypt cost of the passwords stored from now on ({@code SANDBOX_AUTH_PASSWORD_HASH_COST},
         * 4 to 31; a stored hash keeps the cost it was made with). Each step doubles the time of a
         * login: the test profile lowers it to 4, a sandbox whose start-up time matters more
         * than its test passwords may too (at 10 the first login after a start took 0.7 to 1.1 s
         * on a loaded 2-core machine).
         */
        @WithDefault("10")
        @Min(4)
        @Max(31)
        int passwordHashCost();

        /**
         * How long a token found valid is trusted without reading its row again
         * ({@code SANDBOX_AUTH_TOKEN_CACHE_TTL}; 0 reads it on every request). A user deleted through
         * another instance sharing the database keeps working here for at most this long.
         */
        @WithDefault("5s")
        Duration tokenCacheTtl();

        /** Failed logins tolerated before further attempts get 429 (see {@link LoginThrottle}). */
        LoginAttempts loginAttempts();
    }

    interface LoginAttempts {
        /** {@code SANDBOX_AUTH_LOGIN_ATTEMPTS_PER_LOGIN}: failures of one login per window. */
        @WithDefault("10")
        int perLogin();

        /** {@code SANDBOX_AUTH_LOGIN_ATTEMPTS_PER_ADDRESS}: failures from one client address per window. */
        @WithDefault("50")
        int perAddress();

        /** {@code SANDBOX_AUTH_LOGIN_ATTEMPTS_WINDOW} */
        @WithDefault("1m")
        Duration window();
    }

    /** The sandbox user created at start-up if its login is absent. */
    interface Bootstrap {
        /** {@code SANDBOX_BOOTSTRAP_LOGIN} */
        @WithDefault("sandbox")
        String login();

        /** {@code SANDBOX_BOOTSTRAP_PASSWORD} */
        @WithDefault("sandbox")
        String password();

        /** {@code SANDBOX_BOOTSTRAP_TENANT} */
        @WithDefault("sandbox")
        String tenant();
    }
}
