package dev.nightshift.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandWordsTests {

    @Test
    void splitsAsAShellWould() {
        assertThat(CommandWords.split("claude -p --output-format json  --max-turns 60"))
                .containsExactly("claude", "-p", "--output-format", "json", "--max-turns", "60");
        assertThat(CommandWords.split("bash \"/my agents/run.sh\" --name 'a b' c\\ d \"say \\\"hi\\\"\""))
                .containsExactly("bash", "/my agents/run.sh", "--name", "a b", "c d", "say \"hi\"");
    }

    @Test
    void nothingIsExpandedOrChained() {
        assertThat(CommandWords.split("agent $HOME; rm -rf / && echo `x`"))
                .containsExactly("agent", "$HOME;", "rm", "-rf", "/", "&&", "echo", "`x`");
    }

    @Test
    void anUnclosedQuoteIsAnError() {
        assertThatThrownBy(() -> CommandWords.split("agent 'oops")).hasMessageContaining("unclosed");
    }
}
