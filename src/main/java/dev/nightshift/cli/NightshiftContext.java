package dev.nightshift.cli;

import dev.nightshift.NightshiftApplication;
import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.store.Database;
import dev.nightshift.store.DatabaseTarget;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.aot.AotDetector;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AotApplicationContextInitializer;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.SpringProperties;

/**
 * Starts the Spring context for a home: the H2 file database in {@code .nightshift/} (schema by
 * Flyway), the batch job, and for the daemon the Quartz scheduler with its JDBC store.
 */
public final class NightshiftContext {

    /** What the context is started for. */
    public enum Purpose {
        /** Runs batches now: no scheduler. */
        BATCH,
        /** Fires batches on the schedule. */
        DAEMON,
        /** Carries out the build partitions a cluster's batches send (PostgreSQL only): no scheduler. */
        WORKER
    }

    private NightshiftContext() {
    }

    public static ConfigurableApplicationContext start(Home home, NightshiftSettings settings, Purpose purpose) {
        Prepared prepared = prepare(home, settings, purpose);
        if (!BatchContextAot.applies(purpose, prepared.database().shared())) {
            return run(prepared.application(), false);
        }
        return startPrecomputed(prepared.application(), prepared.database());
    }

    /** The application a context starts as (its properties, profiles and the home's beans), and its database. */
    record Prepared(SpringApplicationBuilder application, DatabaseTarget database) {
    }

    static Prepared prepare(Home home, NightshiftSettings settings, Purpose purpose) {
        try {
            Files.createDirectories(home.state());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + home.state(), e);
        }
        // H2's AUTO_SERVER listens for a second process; on loopback only: no network listener
        // unless a command asks for one, and then on loopback.
        System.setProperty("h2.bindAddress", "127.0.0.1");
        // Logging is set up once, by logback at its start (batch.LoggingSetup): Spring leaves it as it is.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        DatabaseTarget database = DatabaseTarget.of(home, settings);
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.main.log-startup-info", "false");
        // Spring's own settings files are looked for only in .nightshift/spring/, which nightshift
        // never makes: not in the working folder (an agent's checkout may be there) nor on the class
        // path. nightshift's settings are nightshift.yml and project.yml. The search through every
        // usual place took a tenth of a second at each start.
        properties.put("spring.config.location", "optional:file:" + home.state().resolve("spring") + "/");
        properties.put("spring.datasource.url", database.url());
        properties.put("spring.datasource.username", database.user());
        properties.put("spring.datasource.password", database.password());
        properties.put("spring.datasource.hikari.maximum-pool-size", "12");
        properties.put("spring.flyway.locations", String.join(",", database.migrations()));
        // The repositories speak through JdbcClient, which already turns SQL errors into Spring's
        // exceptions: no proxy around each of them to do it again (each call went through one).
        properties.put("spring.persistence.exceptiontranslation.enabled", "false");
        properties.put("spring.batch.job.enabled", "false");
        properties.put("spring.batch.jdbc.initialize-schema", "never");
        properties.put("spring.quartz.job-store-type", "jdbc");
        properties.put("spring.quartz.jdbc.initialize-schema", "never");
        properties.put("spring.quartz.auto-startup", "false");
        properties.put("spring.quartz.overwrite-existing-jobs", "false");
        properties.put("spring.quartz.wait-for-jobs-to-complete-on-shutdown", "false");
        properties.put("spring.quartz.properties.org.quartz.jobStore.misfireThreshold", "60000");
        properties.put("spring.quartz.properties.org.quartz.threadPool.threadCount", "1");
        if (database.shared()) {
            properties.putAll(ClusterProperties.of(settings.node()));
        }
        if (purpose != Purpose.DAEMON) {
            properties.put("spring.autoconfigure.exclude",
                    "org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration,"
                            + "org.springframework.boot.mail.autoconfigure.MailSenderValidatorAutoConfiguration");
        }
        SpringApplicationBuilder application = new SpringApplicationBuilder(NightshiftApplication.class)
                .web(WebApplicationType.NONE)
                .properties(properties)
                .profiles(profiles(purpose, database.shared()))
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("home", home);
                    context.getBeanFactory().registerSingleton("nightshiftSettings", settings);
                    if (database.shared()) {
                        // Our own pool: the PostgreSQL driver needs the instant conversion (store.PostgresInstants).
                        HikariDataSource pool = database.pool(12);
                        context.getBeanFactory().registerSingleton("dataSource", pool);
                        context.addApplicationListener((ContextClosedEvent closed) -> pool.close());
                    }
                })
                .logStartupInfo(false);
        return new Prepared(application, database);
    }

    /**
     * A local batch's context from the code generated at build time ({@link BatchContextAot}). It
     * has no Flyway of its own: the schema is brought up to date beside its start, the way status
     * does it, and nothing is loaded for it when every migration on the class path is applied
     * already. No bean reads a table while the context starts; the caller gets it migrated.
     */
    private static ConfigurableApplicationContext startPrecomputed(SpringApplicationBuilder application,
                                                                   DatabaseTarget database) {
        application.initializers(AotApplicationContextInitializer.forInitializerClasses(BatchContextAot.INITIALIZER));
        CompletableFuture<Void> schema = CompletableFuture.runAsync(() -> Database.migrate(database),
                new DaemonThreads("nightshift-migrate"));
        ConfigurableApplicationContext context;
        try {
            context = run(application, true);
        } catch (RuntimeException | Error e) {
            // The migration ends before the failure is passed on: the process exits after it, and a
            // new home's schema must not be left halfway.
            migrationFailure(schema).ifPresent(e::addSuppressed);
            throw e;
        }
        Optional<Throwable> failed = migrationFailure(schema);
        String url = context.getEnvironment().getProperty("spring.datasource.url");
        if (failed.isEmpty() && !database.url().equals(url)) {
            failed = Optional.of(new IllegalStateException("spring.datasource.url is set outside nightshift.yml (" + url
                    + "): the schema was brought up to date in " + database.url() + ", the database nightshift.yml names"));
        }
        if (failed.isPresent()) {
            try {
                context.close();
            } catch (RuntimeException closing) {
                failed.get().addSuppressed(closing);
            }
            throw failed.get() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("the schema could not be brought up to date", failed.get());
        }
        return context;
    }

    /** Waits for the migration; what went wrong, if anything. */
    private static Optional<Throwable> migrationFailure(CompletableFuture<Void> schema) {
        try {
            schema.join();
            return Optional.empty();
        } catch (CompletionException e) {
            return Optional.of(e.getCause());
        }
    }

    /**
     * Spring reads whether to use generated code from a switch of the whole JVM while it builds a
     * context: the contexts of one JVM start one at a time, each with the switch as it needs it.
     */
    private static synchronized ConfigurableApplicationContext run(SpringApplicationBuilder application,
            boolean precomputed) {
        // Set either way: unset, Spring would read the JVM's system property of that name.
        SpringProperties.setProperty(AotDetector.AOT_ENABLED, Boolean.toString(precomputed));
        try {
            return application.run();
        } finally {
            SpringProperties.setProperty(AotDetector.AOT_ENABLED, null);
        }
    }

    /** The purpose's profile, and {@code cluster} on a shared database (the channel to the workers). */
    private static String[] profiles(Purpose purpose, boolean shared) {
        String own = switch (purpose) {
            case DAEMON -> "daemon";
            case WORKER -> "worker";
            case BATCH -> "batch";
        };
        return shared ? new String[] {own, "cluster"} : new String[] {own};
    }
}
