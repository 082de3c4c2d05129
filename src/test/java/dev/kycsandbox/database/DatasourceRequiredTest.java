package dev.kycsandbox.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/** The native executable and the images have no embedded PostgreSQL: they must say what to set. */
class DatasourceRequiredTest {

    private final DatasourceRequired interceptor = new DatasourceRequired();

    @Test
    void shouldStopWithTheVariableToSetWhenNoDatasourceUrlIsConfigured() {
        IllegalStateException refusal = assertThrows(IllegalStateException.class,
                () -> interceptor.getValue(configuredWith(Map.of()), DatasourceRequired.URL));
        assertTrue(refusal.getMessage().contains("QUARKUS_DATASOURCE_JDBC_URL"), refusal.getMessage());
    }

    @Test
    void shouldPassAConfiguredUrlThrough() {
        ConfigValue url = value(DatasourceRequired.URL, "jdbc:postgresql://127.0.0.1:5432/kyc");
        assertSame(url, interceptor.getValue(configuredWith(Map.of(DatasourceRequired.URL, url)), DatasourceRequired.URL));
    }

    @Test
    void shouldLeaveEveryOtherPropertyAlone() {
        assertEquals(null, interceptor.getValue(configuredWith(Map.of()), "quarkus.http.port"));
    }

    private static ConfigValue value(String name, String value) {
        return ConfigValue.builder().withName(name).withValue(value).build();
    }

    /** The configuration below the interceptor: a plain map of what the sources hold. */
    private static ConfigSourceInterceptorContext configuredWith(Map<String, ConfigValue> values) {
        return new ConfigSourceInterceptorContext() {
            @Override
            public ConfigValue proceed(String name) {
                return values.get(name);
            }

            @Override
            public ConfigValue restart(String name) {
                return values.get(name);
            }

            @Override
            public Iterator<String> iterateNames() {
                return values.keySet().iterator();
            }
        };
    }
}
