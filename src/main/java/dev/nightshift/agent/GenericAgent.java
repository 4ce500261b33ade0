package dev.nightshift.agent;

import dev.nightshift.config.AgentKind;
import dev.nightshift.exec.ProcessResult;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.stereotype.Component;

/** Any CLI: the prompt on standard input, then end of file; success is exit 0; no usage known. */
@Component
public class GenericAgent implements CodingAgent {

    @Override
    public AgentKind kind() {
        return AgentKind.GENERIC;
    }

    @Override
    public AgentInvocation invocation(List<String> words, String prompt, BigDecimal budgetLeftUsd) {
        return new AgentInvocation(words, prompt);
    }

    @Override
    public AgentResult parse(ProcessResult process) {
        if (!process.succeeded()) {
            return AgentResult.withoutUsage(false, CodingAgent.failureOf(process) + ": "
                    + CodingAgent.lastOutput(process, 3));
        }
        return AgentResult.withoutUsage(true, CodingAgent.lastLines(process.stdout(), 5));
    }
}
