package dev.nightshift.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.exec.ProcessResult;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Result parsing on outputs shaped as Claude Code prints them (as checked against the real CLI:
 * one result object, errors flagged by is_error).
 */
class ClaudeAgentTests {

    private final ClaudeAgent claude = new ClaudeAgent();

    private static ProcessResult exit(int code, String stdout) {
        return new ProcessResult(code, false, Duration.ofSeconds(12), "", stdout, Path.of("agent.log"));
    }

    @Test
    void aSuccessCarriesCostTokensAndTheFinalMessage() {
        AgentResult result = claude.parse(exit(0, """
                {"type":"result","subtype":"success","is_error":false,"duration_ms":41234,"num_turns":7,
                 "result":"Added the webhook with a signature check.","session_id":"abc","total_cost_usd":0.4213,
                 "usage":{"input_tokens":1200,"output_tokens":3400,"cache_read_input_tokens":50000,
                 "cache_creation_input_tokens":8000}}
                """.replace("\n", "")));
        assertThat(result.succeeded()).isTrue();
        assertThat(result.summary()).isEqualTo("Added the webhook with a signature check.");
        assertThat(result.costUsd()).isEqualByComparingTo(new BigDecimal("0.4213"));
        assertThat(result.inputTokens()).isEqualTo(1200);
        assertThat(result.outputTokens()).isEqualTo(3400);
        assertThat(result.cacheReadTokens()).isEqualTo(50000);
        assertThat(result.cacheWriteTokens()).isEqualTo(8000);
    }

    @Test
    void maxTurnsHasNoResultFieldAndIsAFailure() {
        AgentResult result = claude.parse(exit(1,
                "{\"type\":\"result\",\"subtype\":\"error_max_turns\",\"is_error\":true,\"num_turns\":60,"
                        + "\"total_cost_usd\":1.5,\"usage\":{\"input_tokens\":10,\"output_tokens\":20}}"));
        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains("error_max_turns", "60 turns");
        assertThat(result.costUsd()).isEqualByComparingTo("1.5");
    }

    @Test
    void anErrorReportedAsSuccessSubtypeIsAFailure() {
        AgentResult result = claude.parse(exit(0,
                "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":true,\"result\":\"API Error: 529 overloaded\","
                        + "\"total_cost_usd\":0.01}"));
        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains("API Error: 529 overloaded");
    }

    @Test
    void aKillIsAFailureWhateverCameBefore() {
        AgentResult result = claude.parse(exit(143,
                "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":\"done\",\"total_cost_usd\":0.2}"));
        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains("signal 15");
        assertThat(result.costUsd()).isEqualByComparingTo("0.2");
    }

    @Test
    void thePromptIsTheLastArgumentAndTheBudgetCapsTheRun() {
        AgentInvocation invocation = claude.invocation(List.of("claude", "-p", "--output-format", "json"),
                "do the task", new BigDecimal("1.239"));
        assertThat(invocation.command()).containsExactly("claude", "-p", "--output-format", "json",
                "--max-budget-usd", "1.23", "do the task");
        assertThat(invocation.stdin()).isNull();
    }
}
