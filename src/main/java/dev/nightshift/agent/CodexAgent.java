package dev.nightshift.agent;

import dev.nightshift.config.AgentKind;
import dev.nightshift.config.AgentPrices;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.exec.ProcessResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI Codex: {@code codex exec --json "<prompt>"} with standard input closed. Its output is
 * JSON lines, as the CLI prints them: usage in each {@code turn.completed}, a failure as
 * {@code turn.failed}. It prints no cost, so the cost is estimated from the tokens with
 * {@code agent.prices}. {@code error} lines may be mere warnings ("Reconnecting..."): only a
 * failed turn, a missing completed turn or the exit decide.
 */
@Component
public class CodexAgent implements CodingAgent {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final AgentPrices prices;

    public CodexAgent(NightshiftSettings settings) {
        this.prices = settings.agent().prices();
    }

    @Override
    public AgentKind kind() {
        return AgentKind.CODEX;
    }

    @Override
    public AgentInvocation invocation(List<String> words, String prompt, BigDecimal budgetLeftUsd) {
        List<String> command = new ArrayList<>(words);
        if (!command.contains("--json")) {
            command.add("--json");
        }
        command.add(prompt);
        return new AgentInvocation(command, null);
    }

    @Override
    public AgentResult parse(ProcessResult process) {
        long input = 0;
        long cached = 0;
        long output = 0;
        int completedTurns = 0;
        String failedTurn = null;
        String lastMessage = null;
        String lastError = null;
        for (String line : process.stdout().lines().map(String::strip).filter(l -> l.startsWith("{")).toList()) {
            JsonNode event = tryParse(line);
            if (event == null) {
                continue;
            }
            switch (event.path("type").asString("")) {
                case "turn.completed" -> {
                    completedTurns++;
                    JsonNode usage = event.path("usage");
                    input += usage.path("input_tokens").asLong(0);
                    cached += usage.path("cached_input_tokens").asLong(0);
                    output += usage.path("output_tokens").asLong(0);
                }
                case "turn.failed" -> failedTurn = event.path("error").path("message").asString("the turn failed");
                case "item.completed" -> {
                    JsonNode item = event.path("item");
                    if ("agent_message".equals(item.path("type").asString("")) && item.hasNonNull("text")) {
                        lastMessage = item.get("text").asString();
                    }
                }
                case "error" -> lastError = event.path("message").asString(null);
                default -> {
                    // thread.started, turn.started, item.started/updated: progress only
                }
            }
        }
        boolean anyUsage = completedTurns > 0;
        BigDecimal cost = anyUsage ? prices.estimate(input, cached, output) : null;
        boolean succeeded = process.succeeded() && failedTurn == null && completedTurns > 0;
        String summary;
        if (succeeded) {
            summary = lastMessage != null ? lastMessage : CodingAgent.lastOutput(process, 3);
        } else {
            String why = !process.succeeded() ? CodingAgent.failureOf(process)
                    : failedTurn != null ? "reported a failed turn"
                    : "completed no turn";
            String detail = failedTurn != null ? failedTurn : lastError;
            summary = why + (detail != null ? ": " + detail : "");
        }
        FailureCause cause = succeeded || process.timedOut() ? FailureCause.WORK
                : WhoseFailure.ofMessage(failedTurn != null ? failedTurn : lastError);
        return new AgentResult(succeeded, summary, cost, anyUsage, anyUsage ? input : null, anyUsage ? output : null,
                anyUsage ? cached : null, null, cause);
    }

    private static JsonNode tryParse(String line) {
        try {
            return JSON.readTree(line);
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
