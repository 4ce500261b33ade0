package dev.nightshift.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.exec.ProcessResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Aider exits 0 even when its model call failed: the outcome comes from its analytics log. */
class AiderAgentTests {

    private final AiderAgent aider = new AiderAgent();

    @TempDir
    Path dir;

    private AgentInvocation invocationWithLog(String analytics) throws IOException {
        AgentInvocation invocation = aider.invocation(List.of("aider", "--yes-always", "--no-auto-commits"),
                "do the task", BigDecimal.ONE, dir.resolve("run-7"));
        if (analytics != null) {
            Files.writeString(invocation.usageFile(), analytics);
        }
        return invocation;
    }

    private static ProcessResult exit(int code, String tail) {
        return new ProcessResult(code, false, Duration.ofSeconds(20), tail, "", Path.of("agent.log"));
    }

    @Test
    void theAnalyticsLogGivesCostAndTokensOfEveryModelCall() throws IOException {
        AgentInvocation invocation = invocationWithLog("""
                {"event": "launched", "properties": {"python_version": "3.12.3", "aider_version": "0.86.1"}, "user_id": "9f3a", "time": 1763700000}
                {"event": "cli session", "properties": {"main_model": "anthropic/claude-sonnet-4-5", "edit_format": "diff"}, "user_id": "9f3a", "time": 1763700001}
                {"event": "message_send", "properties": {"main_model": "anthropic/claude-sonnet-4-5", "edit_format": "diff", "prompt_tokens": 5210, "completion_tokens": 830, "total_tokens": 6040, "cost": 0.028, "total_cost": 0.028}, "user_id": "9f3a", "time": 1763700020}
                {"event": "message_send", "properties": {"main_model": "anthropic/claude-sonnet-4-5", "edit_format": "diff", "prompt_tokens": 6400, "completion_tokens": 120, "total_tokens": 6520, "cost": 0.021, "total_cost": 0.049}, "user_id": "9f3a", "time": 1763700031}
                {"event": "exit", "properties": {"reason": "Completed --message"}, "user_id": "9f3a", "time": 1763700032}
                """);

        AgentResult result = aider.parse(exit(0, "Applied edit to src/billing.py\nTokens: 6.4k sent, 120 received."), invocation);

        assertThat(invocation.command()).containsSequence("--analytics-log", invocation.usageFile().toString())
                .endsWith("--message", "do the task");
        assertThat(invocation.usageFile().getParent()).isEqualTo(dir);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.costUsd()).isEqualByComparingTo("0.049");
        assertThat(result.inputTokens()).isEqualTo(11610L);
        assertThat(result.outputTokens()).isEqualTo(950L);
        assertThat(result.summary()).contains("Applied edit to src/billing.py");
    }

    @Test
    void exitZeroWithAFailedModelCallIsAFailure() throws IOException {
        AgentInvocation invocation = invocationWithLog("""
                {"event": "launched", "properties": {}, "user_id": "9f3a", "time": 1763700000}
                {"event": "message_send_exception", "properties": {"exception": "litellm.AuthenticationError: invalid x-api-key"}, "user_id": "9f3a", "time": 1763700003}
                {"event": "exit", "properties": {"reason": "Completed --message"}, "user_id": "9f3a", "time": 1763700004}
                """);

        AgentResult result = aider.parse(exit(0, "litellm.AuthenticationError: invalid x-api-key"), invocation);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains("model call failed", "AuthenticationError");
    }

    @Test
    void exitZeroWithoutAnyModelCallIsAFailure() throws IOException {
        AgentResult result = aider.parse(exit(0, "Model not found"), invocationWithLog(null));
        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains("without a completed model call");
        assertThat(result.costUsd()).isNull();
    }

    @Test
    void aKillIsAFailureEvenAfterASuccessfulCall() throws IOException {
        AgentInvocation invocation = invocationWithLog("""
                {"event": "message_send", "properties": {"prompt_tokens": 100, "completion_tokens": 10, "cost": 0.001, "total_cost": 0.001}, "user_id": "9f3a", "time": 1763700020}
                """);
        AgentResult result = aider.parse(exit(143, ""), invocation);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains("signal 15");
        assertThat(result.costUsd()).isEqualByComparingTo("0.001");
    }
}
