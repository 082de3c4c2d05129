package dev.kycsandbox.hostile;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The sandbox with short connection timeouts, so that the slow and stalled clients of the hostile
 * suite are cut off within seconds instead of minutes. The idle timeout stays above the body
 * timeout: it also closes a connection whose request is still being processed (a bcrypt login on
 * a busy machine), which must not happen to the suite's own valid requests. Neither is shorter
 * than a few seconds: on a loaded machine a complete body may wait that long to be read.
 */
public class HostileProfile implements QuarkusTestProfile {

    static final int IDLE_TIMEOUT_SECONDS = 6;
    static final int BODY_TIMEOUT_SECONDS = 4;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.idle-timeout", IDLE_TIMEOUT_SECONDS + "s",
                "sandbox.http.body-timeout", BODY_TIMEOUT_SECONDS + "s");
    }
}
