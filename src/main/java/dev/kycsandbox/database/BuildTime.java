package dev.kycsandbox.database;

/**
 * Tells whether configuration is being read by the Quarkus build (augmentation) rather than by
 * the running application: build steps run under the builder and the augmentor; the runtime,
 * dev mode's included, does not. Config sources and interceptors must not act at build time.
 */
final class BuildTime {

    private BuildTime() {
    }

    static boolean isNow() {
        return StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                .anyMatch(name -> name.startsWith("io.quarkus.builder.")
                        || name.startsWith("io.quarkus.deployment.QuarkusAugmentor")
                        || name.startsWith("io.quarkus.deployment.configuration.")));
    }
}
