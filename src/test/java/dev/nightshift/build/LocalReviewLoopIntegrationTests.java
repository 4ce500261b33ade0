package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.Captured;
import dev.nightshift.testing.TestHome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop on the local host: a batch opens the pull request, {@code prs show} shows it as a
 * reviewer needs it, the owner writes {@code <spec>.review.md}, and the next batch answers it.
 */
class LocalReviewLoopIntegrationTests {

    @TempDir
    Path dir;

    /** Adds a feature per task; on a review, changes what each point names and answers it. */
    static final String AGENT = """
            prompt=$(cat)
            mkdir -p .nightshift
            if printf '%s' "$prompt" | grep -q "answer the owner's review"; then
              printf '%s\\n' "$prompt" | grep -E '^## Point [0-9]+: ' | while read -r _ _ n where; do
                n=${n%:}
                echo "reviewed: $where" >> REVIEWED.md
                printf '## %s\\nChanged %s as asked.\\n\\n' "$n" "$where" >> .nightshift/answers.md
              done
              echo "answered the review" > .nightshift/note.md
              exit 0
            fi
            n=$(ls tests/test_feature_*.sh 2>/dev/null | wc -l)
            printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature_$((n+1)).sh
            echo "$NIGHTSHIFT_TASK" >> FEATURES.md
            echo "did: $NIGHTSHIFT_TASK" > .nightshift/note.md
            """;

    private TestHome home() {
        TestHome home = TestHome.create(dir);
        Path agent = home.agent("agent.sh", AGENT);
        home.settings("agent: {kind: generic, command: \"" + agent + "\", sandbox: none}\n");
        home.project("shop", "");
        home.spec("shop", "next", "0001-cart", "# Cart\n\n## Tasks\n- [ ] Cart total\n- [ ] Empty cart\n");
        return home;
    }

    @Test
    void prsShowPrintsTheBodyTheCommitsAndTheDiffAgainstBase() {
        TestHome home = home();
        assertThat(home.run("run")).isZero();

        Captured shown = Captured.run(home, "prs", "show", "0001-cart");

        assertThat(shown.exit()).isZero();
        assertThat(shown.lines().get(0)).isEqualTo("PR #1  Cart");
        assertThat(shown.out()).contains("shop/0001-cart · open · branch nightshift/0001-cart · local:shop#1",
                "- [x] Cart total", "- [ ] Empty cart",
                "Commits on nightshift/0001-cart not in main:", "0001-cart: Cart total",
                "Diff against main:", "FEATURES.md", "+Cart total", "tests/test_feature_1.sh");
        assertThat(shown.out()).doesNotContain("version.sh");
        Captured unknown = Captured.run(home, "prs", "show", "0009-none");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no pull request for the spec 0009-none");
    }
}
