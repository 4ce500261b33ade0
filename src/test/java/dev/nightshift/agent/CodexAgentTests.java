package dev.nightshift.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.AgentKind;
import dev.nightshift.config.AgentPrices;
import dev.nightshift.config.AgentSettings;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.exec.ProcessResult;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Result parsing on JSON lines shaped as {@code codex exec --json} prints them (as checked against
 * the real CLI: usage in turn.completed, failures in turn.failed).
 */
class CodexAgentTests {

    private final CodexAgent codex = new CodexAgent(new NightshiftSettings(null, null, null,
            new AgentSettings(AgentKind.CODEX, null, null,
                    new AgentPrices(new BigDecimal("2.00"), new BigDecimal("0.50"), new BigDecimal("8.00"))),
            null, null, null, null, null, null, null, null));

    private static ProcessResult exit(int code, String stdout) {
        return new ProcessResult(code, false, Duration.ofSeconds(30), "", stdout, Path.of("agent.log"));
    }

    @Test
    void aCompletedTurnCarriesTokensTheFinalMessageAndACostEstimatedFromTheConfiguredPrices() {
        AgentResult result = codex.parse(exit(0, """
                {"type":"thread.started","thread_id":"0199a213-81c0-7800-8aa1-bbab2a035a53"}
                {"type":"turn.started"}
                {"type":"item.completed","item":{"id":"item_0","type":"reasoning","text":"**Reading the spec**"}}
                {"type":"item.started","item":{"id":"item_1","type":"command_execution","command":"bash -lc ls","aggregated_output":"","exit_code":null,"status":"in_progress"}}
                {"type":"item.completed","item":{"id":"item_1","type":"command_execution","command":"bash -lc ls","aggregated_output":"src\\ntests\\n","exit_code":0,"status":"completed"}}
                {"type":"error","message":"Reconnecting... 1/5"}
                {"type":"item.completed","item":{"id":"item_2","type":"agent_message","text":"Added the webhook endpoint with its tests."}}
                {"type":"turn.completed","usage":{"input_tokens":1200000,"cached_input_tokens":1000000,"output_tokens":100000}}
                """));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.summary()).isEqualTo("Added the webhook endpoint with its tests.");
        assertThat(result.inputTokens()).isEqualTo(1_200_000L);
        assertThat(result.cacheReadTokens()).isEqualTo(1_000_000L);
        assertThat(result.outputTokens()).isEqualTo(100_000L);
        // 0.2 M uncached x $2 + 1 M cached x $0.50 + 0.1 M output x $8
        assertThat(result.costUsd()).isEqualByComparingTo("1.700000");
        assertThat(result.costEstimated()).isTrue();
    }

    @Test
    void aFailedTurnIsAFailureWithItsMessage() {
        AgentResult result = codex.parse(exit(1, """
                {"type":"thread.started","thread_id":"0199a213"}
                {"type":"turn.started"}
                {"type":"error","message":"stream error: unexpected status 401 Unauthorized"}
                {"type":"turn.failed","error":{"message":"stream error: unexpected status 401 Unauthorized"}}
                """));
        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains("exited with 1", "401 Unauthorized");
        assertThat(result.costUsd()).isNull();
    }

    @Test
    void exit143IsAFailureWhateverJsonCameBefore() {
        AgentResult result = codex.parse(exit(143, """
                {"type":"turn.started"}
                {"type":"item.completed","item":{"id":"item_2","type":"agent_message","text":"All done."}}
                {"type":"turn.completed","usage":{"input_tokens":1000,"cached_input_tokens":0,"output_tokens":10}}
                """));
        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains("signal 15");
        assertThat(result.inputTokens()).as("tokens spent are still counted").isEqualTo(1000L);
    }

    @Test
    void warningsWithoutACompletedTurnAreAFailure() {
        AgentResult result = codex.parse(exit(0, """
                {"type":"thread.started","thread_id":"0199a213"}
                {"type":"error","message":"Reconnecting... 5/5"}
                """));
        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains("completed no turn", "Reconnecting");
    }

    @Test
    void thePromptIsTheLastArgumentAndStandardInputStaysClosed() {
        AgentInvocation invocation = codex.invocation(List.of("codex", "exec", "--json", "-s", "workspace-write"),
                "do the task", new BigDecimal("3"));
        assertThat(invocation.command()).containsExactly("codex", "exec", "--json", "-s", "workspace-write", "do the task");
        assertThat(invocation.stdin()).isNull();
    }
}
