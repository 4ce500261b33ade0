package dev.nightshift.agent;

import dev.nightshift.config.AgentKind;
import dev.nightshift.exec.ProcessResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Claude Code: {@code claude -p "<prompt>" --output-format json}; one JSON result object with
 * {@code total_cost_usd} and {@code usage}. An error may come as
 * {@code subtype:"success"} with {@code is_error:true}, so both are checked.
 */
@Component
public class ClaudeAgent implements CodingAgent {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Override
    public AgentKind kind() {
        return AgentKind.CLAUDE;
    }

    @Override
    public AgentInvocation invocation(List<String> words, String prompt, BigDecimal budgetLeftUsd) {
        List<String> command = new ArrayList<>(words);
        if (budgetLeftUsd != null && !command.contains("--max-budget-usd")) {
            command.add("--max-budget-usd");
            command.add(budgetLeftUsd.max(BigDecimal.ZERO).setScale(2, RoundingMode.DOWN).toPlainString());
        }
        command.add(prompt);
        return new AgentInvocation(command, null);
    }

    @Override
    public AgentResult parse(ProcessResult process) {
        JsonNode result = resultObject(process.stdout());
        BigDecimal cost = null;
        Long in = null;
        Long out = null;
        Long cacheRead = null;
        Long cacheWrite = null;
        String summary = null;
        boolean reportedSuccess = false;
        if (result != null) {
            cost = result.has("total_cost_usd") ? result.get("total_cost_usd").decimalValue() : null;
            JsonNode usage = result.path("usage");
            in = longOrNull(usage, "input_tokens");
            out = longOrNull(usage, "output_tokens");
            cacheRead = longOrNull(usage, "cache_read_input_tokens");
            cacheWrite = longOrNull(usage, "cache_creation_input_tokens");
            String subtype = result.path("subtype").asString("");
            boolean isError = result.path("is_error").asBoolean(false);
            reportedSuccess = !isError && "success".equals(subtype);
            if (result.hasNonNull("result")) {
                summary = result.get("result").asString();
            } else if (!subtype.isEmpty() && !"success".equals(subtype)) {
                summary = "stopped: " + subtype + " after " + result.path("num_turns").asInt() + " turns";
            }
            if (isError && summary != null) {
                summary = "reported an error: " + summary;
            }
        }
        boolean succeeded = process.succeeded() && reportedSuccess;
        FailureCause cause = succeeded || process.timedOut() ? FailureCause.WORK : WhoseFailure.ofClaude(result);
        if (result != null && !reportedSuccess && result.path("modelUsage").isObject()) {
            // A run that ended in an error reports its first turn in usage; modelUsage holds its totals.
            JsonNode models = result.get("modelUsage");
            in = sum(models, "inputTokens", in);
            out = sum(models, "outputTokens", out);
            cacheRead = sum(models, "cacheReadInputTokens", cacheRead);
            cacheWrite = sum(models, "cacheCreationInputTokens", cacheWrite);
        }
        if (!succeeded) {
            String why = !process.succeeded() ? CodingAgent.failureOf(process)
                    : result == null ? "printed no JSON result" : "reported failure";
            summary = why + (summary != null ? ": " + summary : "");
        }
        if (summary == null) {
            summary = CodingAgent.lastLines(process.stdout(), 3);
        }
        return new AgentResult(succeeded, summary, cost, false, in, out, cacheRead, cacheWrite, cause);
    }

    /** The sum of {@code field} over every model in modelUsage; {@code otherwise} when none has it. */
    private static Long sum(JsonNode models, String field, Long otherwise) {
        long total = 0;
        boolean any = false;
        for (JsonNode model : models) {
            if (model.hasNonNull(field)) {
                total += model.get(field).asLong();
                any = true;
            }
        }
        return any ? Long.valueOf(total) : otherwise;
    }

    /** The JSON object of type "result": the whole output, or the last line that is one. */
    static JsonNode resultObject(String stdout) {
        JsonNode whole = tryParse(stdout.strip());
        if (whole != null && whole.isObject() && "result".equals(whole.path("type").asString(""))) {
            return whole;
        }
        List<String> lines = stdout.lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (line.startsWith("{")) {
                JsonNode node = tryParse(line);
                if (node != null && "result".equals(node.path("type").asString(""))) {
                    return node;
                }
            }
        }
        return null;
    }

    private static JsonNode tryParse(String text) {
        if (text.isEmpty() || !text.startsWith("{")) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static Long longOrNull(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asLong() : null;
    }
}
