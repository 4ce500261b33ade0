package dev.nightshift.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.testing.TestHome;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health entries of project.yml. */
class HealthCheckTests {

    @TempDir
    Path dir;

    @Test
    void eachEntryHasAUrlAndDefaultsForTheRest() {
        ProjectSettings settings = read("""
                repo: /tmp/x.git
                test: true
                health:
                  - url: https://shop.example.com/healthz
                  - url: http://127.0.0.1:8080/ready
                    expect: 204
                    body: '"status":"ok"'
                    timeout: 3s
                """);

        assertThat(settings.health()).containsExactly(
                new HealthCheck("https://shop.example.com/healthz", 200, null, Duration.ofSeconds(10)),
                new HealthCheck("http://127.0.0.1:8080/ready", 204, "\"status\":\"ok\"", Duration.ofSeconds(3)));
    }

    @Test
    void aWrongEntryIsNamedByFileLineAndKey() {
        assertThatThrownBy(() -> read("repo: /tmp/x.git\ntest: true\nhealth:\n  - url: https://a.example/\n    expect: 700\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("project.yml:5: health[0].expect: 700 is not an HTTP status (100 to 599)");
        assertThatThrownBy(() -> read("repo: /tmp/x.git\ntest: true\nhealth:\n  - url: ftp://a.example/\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("health[0].url: \"ftp://a.example/\" is not an http:// or https:// URL");
        assertThatThrownBy(() -> read("repo: /tmp/x.git\ntest: true\nhealth:\n  - url: https://a.example/\n    timeout: soon\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("project.yml:5: health[0].timeout: \"soon\" is not a duration");
    }

    private ProjectSettings read(String yaml) {
        Path file = dir.resolve("project.yml");
        TestHome.write(file, yaml);
        return SettingsFiles.readProject(file);
    }
}
