package dev.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.SettingsFiles;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.PlanRepository;
import dev.nightshift.testing.TestHome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ConfigurableApplicationContext;

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
}
