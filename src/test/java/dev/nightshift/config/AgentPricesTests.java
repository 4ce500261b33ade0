package dev.nightshift.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agent.prices}: what a codex run is estimated to cost, set in nightshift.yml. */
class AgentPricesTests {

    @TempDir
    Path dir;

    private NightshiftSettings global(String yaml) throws Exception {
        Files.writeString(dir.resolve("nightshift.yml"), yaml);
        return SettingsFiles.readGlobal(new Home(dir));
    }

    @Test
    void pricesAreReadFromTheAgentSection() throws Exception {
        NightshiftSettings settings = global("""
                agent:
                  kind: codex
                  prices: {input-per-mtok: 3, cached-input-per-mtok: 0.3, output-per-mtok: 15}
                """);
        assertThat(settings.agent().command()).startsWith("codex exec --json");
        assertThat(settings.agent().prices().outputPerMtok()).isEqualByComparingTo("15");
        assertThat(settings.agent().prices().estimate(2_000_000, 1_000_000, 100_000))
                .isEqualByComparingTo("4.8"); // 1 M x 3 + 1 M x 0.3 + 0.1 M x 15
    }

    @Test
    void missingPricesFallBackToTheDefaults() throws Exception {
        AgentPrices prices = global("agent: {kind: codex}\n").agent().prices();
        assertThat(prices).isEqualTo(AgentPrices.defaults());
        assertThat(prices.inputPerMtok()).isPositive();
    }

    @Test
    void aNegativePriceIsNamedWithItsLine() {
        assertThatThrownBy(() -> global("agent:\n  kind: codex\n  prices:\n    output-per-mtok: -1\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nightshift.yml:")
                .hasMessageContaining("output-per-mtok: -1 is negative");
    }
}
