package dev.nightshift.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.exec.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whose failure a run was, read from each CLI's own report of it: only the work's own failures
 * are the spec's; the budget cap, refused credentials and the service's trouble are not.
 */
class WhoseFailureTests {

    @TempDir
    Path dir;

    private static ProcessResult ended(int code, String stdout) {
        return new ProcessResult(code, false, Duration.ofSeconds(3), stdout, stdout, Path.of("agent.log"));
    }

    @Test
    void claudesBudgetCapBadKeyAndOverloadAreNotTheWorks() {
        ClaudeAgent claude = new ClaudeAgent();
        assertThat(claude.parse(ended(1, "{\"type\":\"result\",\"subtype\":\"error_max_budget_usd\",\"is_error\":true,"
                + "\"num_turns\":7,\"total_cost_usd\":0.09}")).cause()).isEqualTo(FailureCause.BUDGET_CAP);
        assertThat(claude.parse(ended(1, "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":true,"
                + "\"result\":\"Invalid API key · Fix external API key\",\"api_error_status\":401}")).cause())
                .isEqualTo(FailureCause.AUTHENTICATION);
        assertThat(claude.parse(ended(1, "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":true,\"result\":"
                + "\"API Error: 529 {\\\"type\\\":\\\"error\\\",\\\"error\\\":{\\\"type\\\":\\\"overloaded_error\\\","
                + "\\\"message\\\":\\\"Overloaded\\\"}}\"}")).cause()).isEqualTo(FailureCause.SERVICE);
        assertThat(claude.parse(ended(1, "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":true,"
                + "\"result\":\"API Error: 429 rate_limit_error\",\"api_error_status\":429}")).cause())
                .isEqualTo(FailureCause.SERVICE);
    }

    @Test
    void claudesOwnFailuresAtTheWorkAreTheSpecs() {
        ClaudeAgent claude = new ClaudeAgent();
        assertThat(claude.parse(ended(1, "{\"type\":\"result\",\"subtype\":\"error_max_turns\",\"is_error\":true,"
                + "\"num_turns\":60}")).cause()).isEqualTo(FailureCause.WORK);
        AgentResult said = claude.parse(ended(0, "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,"
                + "\"result\":\"I hit API Error: 529, please retry\"}"));
        assertThat(said.succeeded()).as("a model's words never make a run the service's").isTrue();
        assertThat(said.notTheWorks()).isFalse();
    }

    @Test
    void anErrorResultsTokensAreModelUsagesTotalsNotTheFirstTurns() {
        AgentResult result = new ClaudeAgent().parse(ended(1, "{\"type\":\"result\",\"subtype\":\"error_max_budget_usd\","
                + "\"is_error\":true,\"usage\":{\"input_tokens\":12,\"output_tokens\":187},\"modelUsage\":{"
                + "\"a\":{\"inputTokens\":96,\"outputTokens\":2210,\"cacheReadInputTokens\":51870},"
                + "\"b\":{\"inputTokens\":1520,\"outputTokens\":61,\"cacheReadInputTokens\":0}}}"));

        assertThat(result.inputTokens()).isEqualTo(1616L);
        assertThat(result.outputTokens()).isEqualTo(2271L);
        assertThat(result.cacheReadTokens()).isEqualTo(51870L);
    }

    @Test
    void codexsHighDemandAndBadKeyAreTheServicesAndTheSetups() {
        CodexAgent codex = new CodexAgent(NightshiftSettings.defaults());
        assertThat(codex.parse(ended(1, """
                {"type":"thread.started","thread_id":"t1"}
                {"type":"turn.started"}
                {"type":"error","message":"Reconnecting... 1/5"}
                {"type":"turn.failed","error":{"message":"We're currently experiencing high demand, which may cause temporary errors."}}
                """)).cause()).isEqualTo(FailureCause.SERVICE);
        assertThat(codex.parse(ended(1, """
                {"type":"turn.started"}
                {"type":"turn.failed","error":{"message":"unexpected status 401 Unauthorized: Incorrect API key provided"}}
                """)).cause()).isEqualTo(FailureCause.AUTHENTICATION);
        assertThat(codex.parse(ended(1, """
                {"type":"turn.started"}
                {"type":"turn.failed","error":{"message":"the patch did not apply"}}
                """)).cause()).isEqualTo(FailureCause.WORK);
    }

    @Test
    void aidersModelCallExceptionsSayWhoseFailureItWas() throws Exception {
        AiderAgent aider = new AiderAgent();
        Path log = dir.resolve("analytics.jsonl");
        Files.writeString(log, "{\"event\":\"message_send_exception\",\"properties\":{\"exception\":"
                + "\"litellm.AuthenticationError: AnthropicException - invalid x-api-key\"}}\n");
        AgentInvocation invocation = new AgentInvocation(java.util.List.of("aider"), null, log);
        assertThat(aider.parse(ended(0, "Aider v0.86"), invocation).cause()).isEqualTo(FailureCause.AUTHENTICATION);

        Files.writeString(log, "{\"event\":\"message_send_exception\",\"properties\":{\"exception\":"
                + "\"litellm.InternalServerError: AnthropicException - Overloaded\"}}\n");
        assertThat(aider.parse(ended(0, "Aider v0.86"), invocation).cause()).isEqualTo(FailureCause.SERVICE);
    }

    @Test
    void eachCauseSaysWhatTheOwnerDoes() {
        assertThat(FailureCause.AUTHENTICATION.whatToDo()).contains("agent.env");
        assertThat(FailureCause.BUDGET_CAP.whatToDo()).contains("budget.daily-usd");
        assertThat(FailureCause.SERVICE.whatToDo()).contains("next batch tries again");
        assertThat(FailureCause.WORK.specsOwn()).isTrue();
    }
}
