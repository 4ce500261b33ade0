package dev.nightshift.cli;

import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Set by the launcher: only its jar holds generated code that matches the classes beside it. */
    static final String SWITCH = "nightshift.precomputed-context";

    /** The initializer Spring generates for this class: it registers the batch context's beans. */
    static final String INITIALIZER = "dev.nightshift.cli.BatchContextAot__ApplicationContextInitializer";

    private BatchContextAot() {
    }

    /**
     * Prepares a batch's context on a scratch home. Under {@code process-aot} Spring stops the
     * start once the context is prepared, before anything opens the database.
     */
    public static void main(String[] args) throws IOException {
        // Without Flyway: the start of a generated context migrates the schema itself, beside it
        // (NightshiftContext). A system property outweighs the context's own properties.
        System.setProperty("spring.flyway.enabled", "false");
        Path scratch = Files.createTempDirectory("nightshift-aot");
        try {
            NightshiftContext.start(Home.of(scratch.toString()), NightshiftSettings.defaults(),
                    NightshiftContext.Purpose.BATCH);
        } finally {
            FileSystemUtils.deleteRecursively(scratch);
        }
    }

    /** Whether a context starts from the generated code: a local batch, asked for and built. */
    static boolean applies(NightshiftContext.Purpose purpose, boolean sharedDatabase) {
        return purpose == NightshiftContext.Purpose.BATCH && !sharedDatabase && Boolean.getBoolean(SWITCH)
                && ClassUtils.isPresent(INITIALIZER, BatchContextAot.class.getClassLoader());
    }
}
