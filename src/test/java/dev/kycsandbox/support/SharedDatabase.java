package dev.kycsandbox.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link PostgresTestResource} once for every {@code @QuarkusTest} of the suite. */
@QuarkusTestResource(PostgresTestResource.class)
public final class SharedDatabase {

    private SharedDatabase() {
    }
}
