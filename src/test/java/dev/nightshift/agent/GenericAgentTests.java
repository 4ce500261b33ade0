package dev.nightshift.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.exec.ProcessResult;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generic kind: the prompt on standard input, success is exit 0, no usage known. */
class GenericAgentTests {

    private final GenericAgent generic = new GenericAgent();

    @Test
    void thePromptGoesToStandardInputAndTheCommandIsUnchanged() {
        AgentInvocation invocation = generic.invocation(List.of("my-agent", "--fast"), "do it", BigDecimal.TEN);
        assertThat(invocation.command()).containsExactly("my-agent", "--fast");
        assertThat(invocation.stdin()).isEqualTo("do it");
    }

    @Test
    void exitZeroIsSuccessAndAKillIsNot() {
        ProcessResult ok = new ProcessResult(0, false, Duration.ofSeconds(1), "", "wrote the file\n", Path.of("a.log"));
        ProcessResult killed = new ProcessResult(143, false, Duration.ofSeconds(1), "", "wrote the file\n", Path.of("a.log"));
        assertThat(generic.parse(ok).succeeded()).isTrue();
        assertThat(generic.parse(ok).costUsd()).isNull();
        assertThat(generic.parse(killed).succeeded()).isFalse();
        assertThat(generic.parse(killed).summary()).contains("signal 15");
    }
}
