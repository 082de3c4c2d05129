package dev.kycsandbox.auth;

import java.time.Duration;

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
