package dev.kycsandbox.hostile;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The sandbox with short connection timeouts, so that the slow and stalled clients of the hostile
 * suite are cut off within a second or two instead of the production defaults' minute.
 */
public class HostileProfile implements QuarkusTestProfile {

    static final int IDLE_TIMEOUT_SECONDS = 1;
    static final int BODY_TIMEOUT_SECONDS = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.idle-timeout", IDLE_TIMEOUT_SECONDS + "s",
                "sandbox.http.body-timeout", BODY_TIMEOUT_SECONDS + "s");
    }
}
