package dev.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.config.ConfigException;
import dev.nightshift.config.Home;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsWatchTests {

    @TempDir
    Path dir;

    @Test
    void eachNewTextIsReadOnceValidOrNot() throws Exception {
        Home home = new Home(dir);
        Path file = home.settingsFile();
        Files.writeString(file, "build: {parallelism: 2}\n");
        SettingsWatch watch = SettingsWatch.start(home);
        assertThat(watch.initial().build().parallelism()).isEqualTo(2);
        assertThat(watch.look()).isInstanceOf(SettingsWatch.Change.None.class);

        Files.writeString(file, "build: {parallelism: 4}\n");
        assertThat(watch.look()).isInstanceOfSatisfying(SettingsWatch.Change.Valid.class,
                valid -> assertThat(valid.settings().build().parallelism()).isEqualTo(4));
        assertThat(watch.look()).isInstanceOf(SettingsWatch.Change.None.class);

        Files.writeString(file, "build: {paralelism: 4}\n");
        assertThat(watch.look()).isInstanceOfSatisfying(SettingsWatch.Change.Invalid.class,
                invalid -> assertThat(invalid.problem().getMessage()).isEqualTo(file + ":1: build.paralelism: unknown key"
                        + " (known here: fix-attempts, max-attempts, max-deleted-lines, max-open-prs, parallelism)"));
        assertThat(watch.look()).as("said once").isInstanceOf(SettingsWatch.Change.None.class);

        Files.delete(file);
        assertThat(watch.look()).as("no file: every default").isInstanceOfSatisfying(SettingsWatch.Change.Valid.class,
                valid -> assertThat(valid.settings().build().parallelism()).isEqualTo(3));
    }

    @Test
    void anInvalidFileAtTheStartIsRefused() throws Exception {
        Files.writeString(dir.resolve("nightshift.yml"), "schedule: \"every hour\"\n");
        assertThatThrownBy(() -> SettingsWatch.start(new Home(dir))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("nightshift.yml:1: schedule: \"every hour\" is not a Quartz cron expression");
    }
}
