package dev.nightshift.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A spec read line by line gives exactly what commonmark gives it; anything the line reader is not
 * sure of goes to commonmark.
 */
class PlainSpecTextTests {

    private static final Path FILE = Path.of("/home/wip-specs/shop/next/0004-billing.md");

    /** Lines a spec is made of: plain ones, and ones that change how commonmark reads the lines around them. */
    private static final List<String> LINES = List.of(
            "", "", "", "# Stripe billing", "# Spec 4 of project 1", "## Tasks", "## tasks", "## Acceptance", "### Tasks",
            "#", "# ", "#  Spaced title  ", "# Title #", "# Use `code`", "# *Emphasis*", "#hashtag", "####### seven",
            "Some words.", "What to build, in a few lines of text.", "2026 was a year.", "1.5 litres", "-flag", "+1 vote",
            "- [ ] First part", "- [x] Done part", "- [X] Done too", "* Star item", "+ Plus item", "- plain item",
            "1. First", "1) First", "2. Second", "3) Third", "10. Tenth", "- [ ]", "- ", "-", "1.", "- - nested",
            "- 1. nested", "- > quoted", "- # heading in item", "-     code in item", "  - indented item",
            "    indented code", "\tTabbed", "> quote", "```", "~~~", "<div>", "[ref]: /url", "| a | b |", "---", "***",
            "* * *", "___", "===", "- ***", "Text with `code` and *emphasis*", "Line with trailing spaces  ", "\u2003",
            "\u00a0non-breaking", "\\escaped");

    private static Spec plain(String text) {
        return SpecParser.parse("shop", SpecFolder.NEXT, FILE, text, Instant.EPOCH);
    }

    private static Object markdown(String text) {
        try {
            return SpecParser.parseMarkdown("shop", SpecFolder.NEXT, FILE, text, Instant.EPOCH);
        } catch (SpecException e) {
            return e.getMessage();
        }
    }

    private static Object either(String text) {
        try {
            return plain(text);
        } catch (SpecException e) {
            return e.getMessage();
        }
    }

    @Test
    void aPlainSpecIsReadLineByLineWithCommonmarksResult() {
        String text = """
                ---
                priority: 3
                depends-on: [0009-spec-9]
                ---
                # Spec 10 of project 5

                What to build, in a few lines of text.

                ## Tasks
                - [ ] First part of 10
                - [x] Second part of 10
                1. Third part of 10
                """;

        assertThat(PlainSpecText.read(text.split("\n", -1))).as("read line by line").isPresent();
        Spec spec = plain(text);
        assertThat(spec).isEqualTo(markdown(text));
        assertThat(spec.title()).isEqualTo("Spec 10 of project 5");
        assertThat(spec.tasks()).extracting(SpecTask::text)
                .containsExactly("First part of 10", "Second part of 10", "Third part of 10");
        assertThat(spec.meta().priority()).isEqualTo(3);
    }

    @Test
    void whatCouldChangeCommonmarksReadingGoesToCommonmark() {
        for (String text : List.of("# T\n\n## Tasks\n- a\n  - nested\n", "# T\n\n## Tasks\n```\n- not a task\n```\n",
                "T\n===\n\n## Tasks\n- a\n", "# T\n\n## Tasks\nText\n2. not an item\n", "# T `code`\n",
                "--- \npriority: 1\n---\n# T\n", "\n---\npriority: 1\n---\n# T\n")) {
            assertThat(PlainSpecText.read(text.split("\n", -1))).as(text).isEmpty();
            assertThat(either(text)).as(text).isEqualTo(markdown(text));
        }
        // front matter the plain reader does not read goes to the YAML parser, by way of commonmark
        String quoted = "---\npriority: 'quoted'\n---\n# T\n";
        assertThat(either(quoted)).isEqualTo(markdown(quoted)).isInstanceOf(String.class);
    }

    @Test
    void everyMixOfLinesReadsAsCommonmarkReadsIt() {
        Random random = new Random(12);
        int readPlain = 0;
        for (int n = 0; n < 20_000; n++) {
            List<String> lines = new ArrayList<>();
            if (random.nextInt(3) == 0) {
                lines.addAll(List.of("---", random.nextBoolean() ? "priority: 2" : "depends-on: [0003-auth]", "---"));
            }
            int count = 1 + random.nextInt(9);
            for (int i = 0; i < count; i++) {
                // mostly plain lines, so that the line reader is tried on many specs
                String line = LINES.get(random.nextInt(random.nextInt(4) == 0 ? LINES.size() : 30));
                lines.add(line);
            }
            String text = String.join("\n", lines) + "\n";
            if (PlainSpecText.read(text.split("\n", -1)).isPresent()) {
                readPlain++;
            }
            assertThat(either(text)).as(text).isEqualTo(markdown(text));
        }
        assertThat(readPlain).as("specs read line by line").isGreaterThan(3_000);
    }
}
