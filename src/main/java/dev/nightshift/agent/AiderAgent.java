package dev.nightshift.agent;

import dev.nightshift.config.AgentKind;
import dev.nightshift.exec.ProcessResult;
import java.io.InputStream;
import java.nio.file.LinkOption;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Aider: {@code aider --message "<prompt>" --analytics-log FILE}. Aider exits 0 even when the
 * model call failed, so the run counts as a success only when the
 * analytics log shows a {@code message_send} (a completed model call) with no
 * {@code message_send_exception} after the last one. Cost and tokens are summed from the
 * {@code message_send} events.
 */
@Component
public class AiderAgent implements CodingAgent {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Override
    public AgentKind kind() {
        return AgentKind.AIDER;
    }

    @Override
    public AgentInvocation invocation(List<String> words, String prompt, BigDecimal budgetLeftUsd) {
        return invocation(words, prompt, budgetLeftUsd, null);
    }

    @Override
    public AgentInvocation invocation(List<String> words, String prompt, BigDecimal budgetLeftUsd, Path scratch) {
        List<String> command = new ArrayList<>(words);
        Path analytics = null;
        if (scratch != null && !command.contains("--analytics-log")) {
            analytics = scratch.resolveSibling(scratch.getFileName() + "-aider-analytics.jsonl");
            command.add("--analytics-log");
            command.add(analytics.toString());
        }
        command.add("--message");
        command.add(prompt);
        return new AgentInvocation(command, null, analytics);
    }

    @Override
    public AgentResult parse(ProcessResult process) {
        return parse(process, null);
    }

    @Override
    public AgentResult parse(ProcessResult process, AgentInvocation invocation) {
        List<JsonNode> events = readEvents(invocation == null ? null : invocation.usageFile());
        int sends = 0;
        String exceptionAfterLastSend = null;
        long prompt = 0;
        long completion = 0;
        BigDecimal cost = null;
        for (JsonNode event : events) {
            JsonNode properties = event.path("properties");
            switch (event.path("event").asString("")) {
                case "message_send" -> {
                    sends++;
                    exceptionAfterLastSend = null;
                    prompt += properties.path("prompt_tokens").asLong(0);
                    completion += properties.path("completion_tokens").asLong(0);
                    if (properties.has("cost") && properties.get("cost").isNumber()) {
                        cost = (cost == null ? BigDecimal.ZERO : cost).add(properties.get("cost").decimalValue());
                    }
                }
                case "message_send_exception" ->
                        exceptionAfterLastSend = properties.path("exception").asString("the model call failed");
                default -> {
                    // launched, cli session, exit, ...: no bearing on the outcome
                }
            }
        }
        boolean succeeded = process.succeeded() && sends > 0 && exceptionAfterLastSend == null;
        String summary;
        if (succeeded) {
            summary = CodingAgent.lastOutput(process, 3);
        } else if (!process.succeeded()) {
            summary = CodingAgent.failureOf(process) + ": " + CodingAgent.lastOutput(process, 3);
        } else if (exceptionAfterLastSend != null) {
            summary = "exited 0, but its model call failed: " + exceptionAfterLastSend;
        } else {
            summary = "exited 0 without a completed model call (no message_send in its analytics log): "
                    + CodingAgent.lastOutput(process, 3);
        }
        boolean anyUsage = sends > 0;
        FailureCause cause = succeeded || process.timedOut() ? FailureCause.WORK
                : WhoseFailure.ofMessage(exceptionAfterLastSend != null ? exceptionAfterLastSend
                        : CodingAgent.lastOutput(process, 5));
        return new AgentResult(succeeded, summary, cost, false, anyUsage ? prompt : null, anyUsage ? completion : null,
                null, null, cause);
    }

    /** Far above what a run's usage log holds; past it the rest is not read. */
    private static final int MAX_USAGE_BYTES = 8 * 1024 * 1024;

    private static List<JsonNode> readEvents(Path file) {
        List<JsonNode> events = new ArrayList<>();
        // The agent can write this file: never follow a link, and never read more than a real run writes.
        if (file == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return events;
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            for (String line : new String(in.readNBytes(MAX_USAGE_BYTES), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    events.add(JSON.readTree(line));
                } catch (RuntimeException notJson) {
                    // a torn last line of a killed run
                }
            }
        } catch (IOException e) {
            return events;
        }
        return events;
    }
}
