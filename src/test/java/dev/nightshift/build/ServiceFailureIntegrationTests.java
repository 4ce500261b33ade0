package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent run that the budget cap nightshift passed cut short, that the service refused for a bad
 * key, or that met the service overloaded is not the spec's failure: stand-ins print Claude Code's
 * real result for each, and over max-attempts batches every spec keeps its place in next/, while
 * the report names each failure with the agent's message and what to do.
 */
class ServiceFailureIntegrationTests {

    /** Claude Code 2.1's result when --max-budget-usd was reached: usage holds the first turn, modelUsage the totals. */
    private static final String BUDGET = """
            {"type":"result","subtype":"error_max_budget_usd","duration_ms":41234,"duration_api_ms":39876,"is_error":true,\
            "num_turns":7,"session_id":"5f3c1e2a-0b1d-4c4e-9a37-2f0e6f1c8d21","total_cost_usd":0.0931,\
            "usage":{"input_tokens":12,"cache_creation_input_tokens":4211,"cache_read_input_tokens":0,"output_tokens":187,\
            "server_tool_use":{"web_search_requests":0,"web_fetch_requests":0},"service_tier":"standard"},\
            "modelUsage":{"claude-sonnet-4-5-20250929":{"inputTokens":96,"outputTokens":2210,"cacheReadInputTokens":51870,\
            "cacheCreationInputTokens":9120,"webSearchRequests":0,"costUSD":0.0902,"contextWindow":200000},\
            "claude-haiku-4-5-20251001":{"inputTokens":1520,"outputTokens":61,"cacheReadInputTokens":0,\
            "cacheCreationInputTokens":0,"webSearchRequests":0,"costUSD":0.0029,"contextWindow":200000}},\
            "permission_denials":[],"uuid":"0d8e7c55-0f5a-4f53-8c1e-3f4a9b6e2d10","errors":[]}""";
    /** A bad key: is_error with api_error_status 401. */
    private static final String UNAUTHORIZED = """
            {"type":"result","subtype":"success","is_error":true,"duration_ms":612,"duration_api_ms":0,"num_turns":1,\
            "result":"Invalid API key · Fix external API key","session_id":"9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d",\
            "total_cost_usd":0,"usage":{"input_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,\
            "output_tokens":0,"server_tool_use":{"web_search_requests":0,"web_fetch_requests":0},"service_tier":"standard"},\
            "modelUsage":{},"permission_denials":[],"api_error_status":401,"uuid":"1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"}""";
    /** The service overloaded through all its retries: "API Error: 529 ..." as the result. */
    private static final String OVERLOADED = """
            {"type":"result","subtype":"success","is_error":true,"duration_ms":183412,"duration_api_ms":0,"num_turns":1,\
            "result":"API Error: 529 {\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"overloaded_error\\",\\"message\\":\\"Overloaded\\"},\\"request_id\\":null}",\
            "session_id":"7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918","total_cost_usd":0,"usage":{"input_tokens":0,\
            "cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":0,"server_tool_use":\
            {"web_search_requests":0,"web_fetch_requests":0},"service_tier":"standard"},"modelUsage":{},\
            "permission_denials":[],"uuid":"2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"}""";

    @TempDir
    Path dir;

    @Test
    void theBudgetCapABadKeyAndAnOverloadedServiceNeverCountAgainstTheSpec() throws Exception {
        TestHome home = TestHome.create(dir);
        Map<String, String> results = Map.of("capped", BUDGET, "badkey", UNAUTHORIZED, "overloaded", OVERLOADED);
        StringBuilder cases = new StringBuilder();
        results.forEach((project, json) -> cases.append("  ").append(project).append(") cat <<'JSON'\n").append(json)
                .append("\nJSON\n    exit 1 ;;\n"));
        Path agent = home.agent("claude", """
                # works a little, as Claude would before the failure, then prints its real result
                echo "started" >> WORK.md
                case "$NIGHTSHIFT_PROJECT" in
                %s
                esac
                """.formatted(cases));
        home.settings("agent: {kind: claude, command: \"" + agent + "\"}\nbuild: {max-attempts: 3, parallelism: 3}\n");
        for (String project : results.keySet()) {
            home.project(project, "");
            home.spec(project, "next", "0001-" + project, "# Feature of " + project + "\n");
        }

        for (int batch = 1; batch <= 3; batch++) {
            assertThat(home.run("run")).as("batch %d ran and something failed", batch).isEqualTo(1);
        }

        var db = home.db();
        for (String project : results.keySet()) {
            assertThat(home.exists("wip-specs/" + project + "/next/0001-" + project + ".md"))
                    .as("%s keeps its place after max-attempts batches", project).isTrue();
            assertThat(home.exists("wip-specs/" + project + "/blocked/0001-" + project + ".md")).isFalse();
        }
        assertThat(outcomes(db, "capped")).containsOnly("BUDGET_STOPPED").hasSize(3);
        assertThat(outcomes(db, "badkey")).containsOnly("AGENT_REFUSED").hasSize(3);
        assertThat(outcomes(db, "overloaded")).containsOnly("AGENT_UNAVAILABLE").hasSize(3);
        assertThat(db.sql("SELECT COUNT(*) FROM risks WHERE kind = 'REPEATED_FAILURE'").query(Integer.class).single())
                .as("never named as a spec failing again and again").isZero();

        Map<String, Object> capped = db.sql("SELECT * FROM agent_runs WHERE project = 'capped' ORDER BY id LIMIT 1")
                .query().singleRow();
        assertThat(capped.get("INPUT_TOKENS")).as("the run's totals, from modelUsage").isEqualTo(1616L);
        assertThat(capped.get("OUTPUT_TOKENS")).isEqualTo(2271L);
        assertThat(capped.get("CACHE_READ_TOKENS")).isEqualTo(51870L);

        String report = Files.readString(home.latestReport().resolve("report.txt"));
        String needsYou = report.substring(report.indexOf("NEEDS YOU")).replaceAll("\\s+", " ");
        assertThat(needsYou).contains("badkey/0001-badkey: agent's key refused",
                "Invalid API key · Fix external API key", "set a valid key in the variable agent.env names");
        assertThat(needsYou).contains("overloaded/0001-overloaded: agent's service unavailable", "API Error: 529",
                "the next batch tries again");
        assertThat(needsYou).contains("capped/0001-capped: budget reached", "error_max_budget_usd",
                "raise budget.daily-usd");
    }

    private static List<String> outcomes(org.springframework.jdbc.core.simple.JdbcClient db, String project) {
        return db.sql("SELECT outcome FROM build_results WHERE project = ?").param(project).query(String.class).list();
    }
}
