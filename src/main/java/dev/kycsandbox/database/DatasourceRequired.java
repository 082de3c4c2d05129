package dev.kycsandbox.database;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Where no datasource URL can be found — the native executable and the container images, which
 * carry no embedded PostgreSQL — the start fails at once with one line naming the variable to
 * set, instead of a deactivated datasource surfacing later as a long stack trace.
 */
public class DatasourceRequired implements ConfigSourceInterceptor {

    static final String URL = "quarkus.datasource.jdbc.url";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (URL.equals(name) && (value == null || value.getValue() == null || value.getValue().isBlank())
                && !BuildTime.isNow()) {
            throw new IllegalStateException("No database configured: set QUARKUS_DATASOURCE_JDBC_URL "
                    + "(and QUARKUS_DATASOURCE_USERNAME, QUARKUS_DATASOURCE_PASSWORD); "
                    + "only the JVM build starts an embedded PostgreSQL");
        }
        return value;
    }
}
