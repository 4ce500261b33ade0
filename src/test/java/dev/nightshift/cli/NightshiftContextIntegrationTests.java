package dev.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.SettingsFiles;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.Database;
import dev.nightshift.store.DatabaseTarget;
import dev.nightshift.store.PlanRepository;
import dev.nightshift.testing.TestHome;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

class NightshiftContextIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void repositoriesAreCalledDirectlyAndSpringLooksForItsSettingsOnlyInTheHomesState() {
        TestHome home = TestHome.create(dir);
        try (ConfigurableApplicationContext context = NightshiftContext.start(home.home(),
                SettingsFiles.readGlobal(home.home()), NightshiftContext.Purpose.BATCH)) {
            assertThat(AopUtils.isAopProxy(context.getBean(PlanRepository.class)))
                    .as("no proxy between a phase and its repository").isFalse();
            assertThat(AopUtils.isAopProxy(context.getBean(BuildRepository.class))).isFalse();
            assertThat(context.getEnvironment().getProperty("spring.config.location"))
                    .isEqualTo("optional:file:" + home.home().state().resolve("spring") + "/");
        }
    }

    /**
     * The generated code is made at build time from the batch's properties: the beans a start
     * that works them out has, but Flyway's, and neither a scan nor a configuration class read. The
     * launcher asks for it; a test JVM only when it sets the switch. Its start migrates the schema
     * itself: here a new home's first.
     */
    @Test
    void aLocalBatchAskedForThePrecomputedContextGetsTheBeansItsStartWouldWorkOutAndItsSchema() throws Exception {
        TestHome home = TestHome.create(dir);
        Set<String> precomputed;
        System.setProperty(BatchContextAot.SWITCH, "true");
        try (ConfigurableApplicationContext context = NightshiftContext.start(home.home(),
                SettingsFiles.readGlobal(home.home()), NightshiftContext.Purpose.BATCH)) {
            assertThat(context).as("registered by the generated code, nothing scanned")
                    .isNotInstanceOf(AnnotationConfigApplicationContext.class);
            assertThat(context.getEnvironment().getActiveProfiles()).containsExactly("batch");
            try (Connection connection = context.getBean(DataSource.class).getConnection()) {
                assertThat(Database.current(connection)).as("every migration applied").isTrue();
            }
            precomputed = applicationBeans(context);
        } finally {
            System.clearProperty(BatchContextAot.SWITCH);
        }
        try (ConfigurableApplicationContext context = NightshiftContext.start(home.home(),
                SettingsFiles.readGlobal(home.home()), NightshiftContext.Purpose.BATCH)) {
            assertThat(context).isInstanceOf(AnnotationConfigApplicationContext.class);
            Set<String> flyway = applicationBeans(context).stream().filter(name -> {
                Class<?> type = context.getType(name);
                return type != null && (type.getName().startsWith("org.flywaydb.")
                        || type.getName().startsWith("org.springframework.boot.flyway."));
            }).collect(Collectors.toSet());
            assertThat(flyway).as("the schema's checks, checksums included").contains("flyway", "flywayInitializer");
            Set<String> workedOut = new HashSet<>(applicationBeans(context));
            workedOut.removeAll(flyway);
            assertThat(precomputed).isEqualTo(workedOut);
        }
    }

    /** A schema that cannot be brought up to date stops the start: the context is closed, Flyway's reason passed on. */
    @Test
    void aPrecomputedStartWhoseMigrationFailsEndsWithTheMigrationsReason() throws Exception {
        TestHome home = TestHome.create(dir);
        NightshiftSettings settings = SettingsFiles.readGlobal(home.home());
        // A table already there, without Flyway's history: Flyway refuses to migrate over it.
        try (Connection connection = DatabaseTarget.of(home.home(), settings).dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE BATCH_JOB_INSTANCE (ID BIGINT)");
        }
        System.setProperty(BatchContextAot.SWITCH, "true");
        try {
            assertThatThrownBy(() -> NightshiftContext.start(home.home(), settings, NightshiftContext.Purpose.BATCH))
                    .isInstanceOf(FlywayException.class).hasMessageContaining("no schema history table");
        } finally {
            System.clearProperty(BatchContextAot.SWITCH);
        }
    }

    /** The schema is migrated where nightshift.yml says: a context pointed elsewhere by Spring's own settings does not start. */
    @Test
    void aPrecomputedStartRefusesADatabaseNamedOutsideNightshiftYml() {
        TestHome home = TestHome.create(dir);
        System.setProperty(BatchContextAot.SWITCH, "true");
        System.setProperty("spring.datasource.url", "jdbc:h2:mem:elsewhere");
        try {
            assertThatThrownBy(() -> NightshiftContext.start(home.home(), SettingsFiles.readGlobal(home.home()),
                    NightshiftContext.Purpose.BATCH))
                    .hasMessageContaining("spring.datasource.url is set outside nightshift.yml (jdbc:h2:mem:elsewhere)");
        } finally {
            System.clearProperty(BatchContextAot.SWITCH);
            System.clearProperty("spring.datasource.url");
        }
    }

    /** The beans but Spring's own for reading annotations, which only a start that reads them has. */
    private static Set<String> applicationBeans(ConfigurableApplicationContext context) {
        return Arrays.stream(context.getBeanDefinitionNames())
                .filter(name -> !name.startsWith("org.springframework.context.annotation.internal"))
                .filter(name -> !name.equals("org.springframework.boot.autoconfigure.internalCachingMetadataReaderFactory"))
                .collect(Collectors.toSet());
    }
}
