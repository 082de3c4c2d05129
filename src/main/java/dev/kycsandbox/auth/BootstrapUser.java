package dev.kycsandbox.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** Creates the configured sandbox user at start-up, so a fresh sandbox can be logged into at once. */
@ApplicationScoped
public class BootstrapUser {

    private static final Logger LOG = Logger.getLogger(BootstrapUser.class);

    void onStart(@Observes StartupEvent event, AuthService auth, AuthConfig config) {
        AuthConfig.Bootstrap bootstrap = config.bootstrap();
        if (auth.ensureUser(bootstrap.login(), bootstrap.password(), bootstrap.tenant())) {
            LOG.infof("Created sandbox user '%s' in tenant '%s'", bootstrap.login(), bootstrap.tenant());
        }
    }
}
