package dev.kycsandbox.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.kycsandbox.api.Ids;
import io.quarkus.runtime.StartupEvent;

/** The admin API's credential: configured, or made at start-up and logged once so the operator can use it. */
@Singleton
public class AdminCredential {

    private static final Logger LOG = Logger.getLogger(AdminCredential.class);

    private final byte[] token;
    private final boolean generated;

    public AdminCredential(AdminConfig config) {
        String value = config.token().filter(t -> !t.isBlank()).orElse(null);
        this.generated = value == null;
        this.token = (generated ? Ids.randomBase62(32) : value).getBytes(StandardCharsets.UTF_8);
    }

    void announce(@Observes StartupEvent event) {
        if (generated) {
            LOG.infof("SANDBOX_ADMIN_TOKEN is not set; this run's admin token is: %s",
                    new String(token, StandardCharsets.UTF_8));
        }
    }

    /** Constant-time, so the comparison leaks nothing about the token. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }
}
