package dev.nightshift.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFilesTests {

    @TempDir
    Path dir;

    private NightshiftSettings global(String yaml) throws Exception {
        Files.writeString(dir.resolve("nightshift.yml"), yaml);
        return SettingsFiles.readGlobal(new Home(dir));
    }

    @Test
    void aMissingFileMeansEveryDefault() {
        NightshiftSettings settings = SettingsFiles.readGlobal(new Home(dir));
        assertThat(settings.schedule().expression()).isEqualTo("0 0 */2 * * ?");
        assertThat(settings.timeouts().build()).isEqualTo(Duration.ofMinutes(60));
        assertThat(settings.agent().kind()).isEqualTo(AgentKind.CLAUDE);
        assertThat(settings.agent().env()).containsExactly("ANTHROPIC_API_KEY");
        assertThat(settings.build().parallelism()).isEqualTo(3);
        assertThat(settings.budget().stopAt()).isEqualByComparingTo("0.90");
        assertThat(settings.mail().smtp()).isNull();
    }

    @Test
    void shortDurationsAndPartialSectionsAreRead() throws Exception {
        NightshiftSettings settings = global("timeouts:\n  agent: 1h30m\n  tests: 90s\nbuild: {parallelism: 2}\n");
        assertThat(settings.timeouts().agent()).isEqualTo(Duration.ofMinutes(90));
        assertThat(settings.timeouts().tests()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.timeouts().build()).isEqualTo(Duration.ofMinutes(60));
        assertThat(settings.build().parallelism()).isEqualTo(2);
        assertThat(settings.build().maxAttempts()).isEqualTo(3);
    }

    @Test
    void anUnknownKeyIsNamedWithItsLine() {
        assertThatThrownBy(() -> global("timeouts:\n  build: 10m\n  bild: 10m\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir.resolve("nightshift.yml") + ":3: timeouts.bild: unknown key");
    }

    @Test
    void aBadDurationIsNamedWithItsLine() {
        assertThatThrownBy(() -> global("budget:\n  daily-usd: 3\ntimeouts:\n  agent: ten minutes\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("nightshift.yml") + ":4: timeouts.agent: \"ten minutes\" is not a duration"
                        + " (write it like 90s, 15m, 2h or 1h30m)");
    }

    @Test
    void aBadCronIsNamedWithItsLine() {
        assertThatThrownBy(() -> global("misfire: skip\nschedule: \"every two hours\"\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nightshift.yml:2: schedule: \"every two hours\" is not a Quartz cron expression");
    }

    @Test
    void aWrongTypeIsNamedWithItsLine() {
        assertThatThrownBy(() -> global("build:\n  parallelism: three\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("nightshift.yml") + ":2: build.parallelism: \"three\" is not a number");
    }

    @Test
    void aValueOutOfRangeIsNamedWithItsLine() {
        assertThatThrownBy(() -> global("build:\n  fix-attempts: 1\n  parallelism: 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("nightshift.yml") + ":3: build.parallelism: 0 is too small; it must be at least 1");
    }

    @Test
    void anUnknownEnumValueListsTheChoices() {
        assertThatThrownBy(() -> global("agent:\n  kind: gpt\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(":2: agent.kind: \"gpt\" is not one of claude | codex | aider | generic");
    }

    @Test
    void aProjectWithoutItsRequiredKeysNamesTheMissingOne() throws Exception {
        Path file = dir.resolve("project.yml");
        Files.writeString(file, "base: main\ntest: make test\n");
        assertThatThrownBy(() -> SettingsFiles.readProject(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("project.yml")
                .hasMessageContaining("repo: missing; this key is required");
    }

    @Test
    void aProjectGetsItsDefaults() throws Exception {
        Path file = dir.resolve("project.yml");
        Files.writeString(file, "repo: /srv/repo.git\ntest: make test\n");
        ProjectSettings project = SettingsFiles.readProject(file);
        assertThat(project.base()).isEqualTo("main");
        assertThat(project.pr().host()).isEqualTo(PrSettings.Host.LOCAL);
        assertThat(project.protectedPaths()).containsExactly(".github/**", "wip-specs/**");
        assertThat(project.paths()).isNull();
    }
}
