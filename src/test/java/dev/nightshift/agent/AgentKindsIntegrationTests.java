package dev.nightshift.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.TestHome;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cost and tokens of every run are stored, from each kind's own output, through a whole batch. */
class AgentKindsIntegrationTests {

    @TempDir
    Path dir;

    /** A stand-in CLI: changes the project, then prints what the real one prints on success. */
    private TestHome home(String kind, String output, String extraSettings) {
        TestHome home = TestHome.create(dir);
        Path agent = home.agent(kind, """
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature.sh
                cat <<'JSON'
                %s
                JSON
                """.formatted(output));
        home.settings("agent: {kind: " + kind + ", command: \"" + agent + "\"" + extraSettings + "}\n");
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");
        return home;
    }

    @Test
    void claudesReportedCostAndTokensAreStored() {
        TestHome home = home("claude", "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"num_turns\":4,"
                + "\"result\":\"Added the feature.\",\"session_id\":\"s1\",\"total_cost_usd\":0.4213,"
                + "\"usage\":{\"input_tokens\":1200,\"output_tokens\":3400,\"cache_read_input_tokens\":50000,"
                + "\"cache_creation_input_tokens\":8000}}", "");

        assertThat(home.run("run")).isZero();

        Map<String, Object> run = home.db().sql("SELECT * FROM agent_runs").query().singleRow();
        assertThat((BigDecimal) run.get("COST_USD")).isEqualByComparingTo("0.4213");
        assertThat(run.get("COST_ESTIMATED")).isEqualTo(false);
        assertThat(run.get("INPUT_TOKENS")).isEqualTo(1200L);
        assertThat(run.get("OUTPUT_TOKENS")).isEqualTo(3400L);
        assertThat(run.get("CACHE_READ_TOKENS")).isEqualTo(50000L);
        assertThat(run.get("CACHE_WRITE_TOKENS")).isEqualTo(8000L);
        assertThat(run.get("SUMMARY")).isEqualTo("Added the feature.");
        assertThat(home.db().sql("SELECT cost_usd FROM build_results").query(BigDecimal.class).single())
                .isEqualByComparingTo("0.4213");
    }

    @Test
    void codexsCostIsEstimatedFromItsTokensWithTheConfiguredPrices() {
        TestHome home = home("codex", """
                {"type":"thread.started","thread_id":"t1"}
                {"type":"turn.started"}
                {"type":"item.completed","item":{"id":"item_1","type":"agent_message","text":"Added the feature."}}
                {"type":"turn.completed","usage":{"input_tokens":300000,"cached_input_tokens":200000,"output_tokens":50000}}""",
                ", prices: {input-per-mtok: 2, cached-input-per-mtok: 0.5, output-per-mtok: 10}");

        assertThat(home.run("run")).isZero();

        Map<String, Object> run = home.db().sql("SELECT * FROM agent_runs").query().singleRow();
        // 0.1 M x $2 + 0.2 M x $0.5 + 0.05 M x $10
        assertThat((BigDecimal) run.get("COST_USD")).isEqualByComparingTo("0.8");
        assertThat(run.get("COST_ESTIMATED")).isEqualTo(true);
        assertThat(run.get("INPUT_TOKENS")).isEqualTo(300000L);
        assertThat(run.get("CACHE_READ_TOKENS")).isEqualTo(200000L);
        assertThat(run.get("SUMMARY")).isEqualTo("Added the feature.");
    }
}
