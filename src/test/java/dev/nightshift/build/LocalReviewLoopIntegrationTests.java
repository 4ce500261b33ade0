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
        // the stat's lines line up as git prints them, the first one too
        assertThat(shown.lines()).filteredOn(line -> line.contains(" | ")).isNotEmpty().allMatch(line -> line.startsWith(" "));
        Captured unknown = Captured.run(home, "prs", "show", "0009-none");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no pull request for the spec 0009-none");
    }

    @Test
    void aReviewFileIsAddressedInTheNextBatchAndMovedWithTheAnswers() throws Exception {
        TestHome home = home();
        assertThat(home.run("run")).isZero();
        home.spec("shop", "active", "0001-cart.review", "Good start.\n\nsrc/version.sh:1: name the version in a constant\n"
                + "tests/test_version.sh:3: test the patch number too\n");

        assertThat(home.run("run")).isZero();

        assertThat(home.exists("wip-specs/shop/active/0001-cart.review.md")).isFalse();
        String done = home.read("wip-specs/shop/active/0001-cart.review.done.md");
        assertThat(done).startsWith("Good start.\n\nsrc/version.sh:1: name the version in a constant\n")
                .contains("answered the review", "`src/version.sh:1`", "Done: Changed src/version.sh:1 as asked.",
                        "`tests/test_version.sh:3`", "Done: Changed tests/test_version.sh:3 as asked.",
                        "3. review: Good start.", "Done: Changed review as asked.");
        assertThat(home.originFiles("nightshift/0001-cart")).contains("REVIEWED.md");
        assertThat(TestHome.gitOut(home.origin(), "show", "nightshift/0001-cart:REVIEWED.md"))
                .contains("reviewed: src/version.sh:1", "reviewed: tests/test_version.sh:3", "reviewed: review");
        assertThat(home.read("wip-specs/shop/active/0001-cart.md")).as("the review came first, no task ticked")
                .contains("- [x] Cart total", "- [ ] Empty cart");
        assertThat(home.db().sql("SELECT comment FROM pull_request_updates ORDER BY id DESC LIMIT 1").query(String.class)
                .single()).contains("answered the review");

        // the next batch goes on with the spec; the answered review is not read again
        assertThat(home.run("run")).isZero();
        assertThat(home.read("wip-specs/shop/active/0001-cart.md")).contains("- [x] Empty cart");
        assertThat(home.exists("wip-specs/shop/active/0001-cart.review.md")).isFalse();
    }
}
