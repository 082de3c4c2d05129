package dev.kycsandbox.database;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The jar's entry point: the embedded PostgreSQL default starts on its own thread first, so that
 * its start (about a second) runs while Quarkus starts rather than before it. Only in the build
 * that carries the embedded PostgreSQL; the native executable keeps Quarkus' own entry point.
 */
@QuarkusMain
public class SandboxMain {

    public static void main(String... args) {
        EmbeddedPostgresConfigSource.startAtLaunch();
        Quarkus.run(args);
    }
}
