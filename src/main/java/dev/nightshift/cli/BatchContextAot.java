package dev.nightshift.cli;

import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.ClassUtils;
import org.springframework.util.FileSystemUtils;

/**
 * A local batch's context worked out at build time (Spring AOT). {@code mvn package} runs this
 * class's {@link #main} through the Spring Boot plugin's {@code process-aot} goal: it prepares the
 * context a batch on the embedded database starts with (profile {@code batch}), and Spring writes
 * its bean definitions out as code, {@value #INITIALIZER}. A batch the launcher starts registers
 * its beans from that code: it no longer scans nightshift's classes, reads the configuration
 * classes nor weighs each auto-configuration's conditions (a third of a second of each start on
 * two cores).
 *
 * <p>The conditions are weighed once, at build time, with the batch's own properties: no settings
 * file can change them. The generated context has no Flyway: its start migrates the schema beside
 * it, as {@code status} does, and loads no Flyway when every migration is applied already. The
 * daemon, a build worker and a batch on a shared database start as before: their profiles and
 * beans differ.
 */
public final class BatchContextAot {

    /**
     * Set by the launcher, which runs the jar it has just built: its generated code matches the
     * classes beside it. A test JVM may find older generated code in {@code target/classes}.
     */
    static final String SWITCH = "nightshift.precomputed-context";

    /** The initializer Spring generates for this class: it registers the batch context's beans. */
    static final String INITIALIZER = "dev.nightshift.cli.BatchContextAot__ApplicationContextInitializer";

    private BatchContextAot() {
    }

    /**
     * Prepares a batch's context on a scratch home. Under {@code process-aot} Spring stops the
     * start once the context is prepared, before anything opens the database. The environment is
     * the context's own properties alone: whatever the build's shell or JVM sets for Spring
     * ({@code SPRING_PROFILES_ACTIVE}, say) would otherwise be built into every batch.
     */
    public static void main(String[] args) throws IOException {
        Path scratch = Files.createTempDirectory("nightshift-aot");
        try {
            NightshiftContext.prepare(Home.of(scratch.toString()), NightshiftSettings.defaults(),
                            NightshiftContext.Purpose.BATCH).application()
                    .environment(new ContextPropertiesOnly())
                    // No Flyway in it: the start of a generated context migrates the schema itself.
                    .properties("spring.flyway.enabled=false")
                    .run();
        } finally {
            FileSystemUtils.deleteRecursively(scratch);
        }
    }

    /** An environment without the JVM's system properties and the process's environment variables. */
    private static final class ContextPropertiesOnly extends StandardEnvironment {
        @Override
        protected void customizePropertySources(MutablePropertySources propertySources) {
        }
    }

    /** Whether a context starts from the generated code: a local batch, asked for and built. */
    static boolean applies(NightshiftContext.Purpose purpose, boolean sharedDatabase) {
        return purpose == NightshiftContext.Purpose.BATCH && !sharedDatabase && Boolean.getBoolean(SWITCH)
                && ClassUtils.isPresent(INITIALIZER, BatchContextAot.class.getClassLoader());
    }
}
