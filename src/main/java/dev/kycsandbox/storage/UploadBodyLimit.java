package dev.kycsandbox.storage;

import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Derives the HTTP layer's request size limit from the one upload limit an operator sets
 * ({@code sandbox.storage.max-file-size}), plus room for the multipart framing: the HTTP layer
 * then rejects an oversized body while it streams in, and a file of exactly the limit still
 * fits. An explicitly configured {@code quarkus.http.limits.max-body-size} is left alone.
 */
public class UploadBodyLimit implements ConfigSourceInterceptor {

    static final String BODY_LIMIT = "quarkus.http.limits.max-body-size";
    static final String FILE_LIMIT = "sandbox.storage.max-file-size";
    static final String DEFAULT_FILE_LIMIT = "10M";
    static final long FRAMING_ALLOWANCE = 64 * 1024;
    /** Values from sources below this ordinal are defaults, not an operator's choice. */
    private static final int DEFAULTS_ORDINAL = 100;

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!BODY_LIMIT.equals(name) || (value != null && value.getConfigSourceOrdinal() >= DEFAULTS_ORDINAL)) {
            return value;
        }
        ConfigValue fileLimit = context.proceed(FILE_LIMIT);
        String raw = fileLimit == null || fileLimit.getValue() == null ? DEFAULT_FILE_LIMIT : fileLimit.getValue();
        long bodyLimit = new MemorySizeConverter().convert(raw).asLongValue() + FRAMING_ALLOWANCE;
        ConfigValue derived = ConfigValue.builder().withName(BODY_LIMIT).withValue(Long.toString(bodyLimit))
                .withConfigSourceName(getClass().getSimpleName()).withConfigSourceOrdinal(DEFAULTS_ORDINAL).build();
        return derived;
    }
}
