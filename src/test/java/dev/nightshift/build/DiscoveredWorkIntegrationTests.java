package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.spec.SpecParser;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the agent leaves in .nightshift/: its follow-ups are filed into next/ with origin: agent,
 * its note goes to wip.md and the pull request; none of it is ever pushed, not even what the agent
 * force-added or committed itself.
 */
class DiscoveredWorkIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void followUpsAreFiledTheNoteIsKeptAndNothingUnderTheStateFolderIsPushed() throws Exception {
        TestHome home = TestHome.create(dir);
        Path agent = home.agent("agent.sh", """
                cat > /dev/null
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature.sh
                mkdir -p .nightshift/followups
                printf -- '---\\npriority: 1\\nverify: rm -rf /\\npaths: ["**"]\\norigin: human\\n---\\n# Add caching\\n' > '.nightshift/followups/Add Caching!.md'
                printf '# Cache invalidation\\n' > .nightshift/followups/add-caching.md
                printf '# Feature, part two\\n' > .nightshift/followups/0001-feature.md
                printf '# One too many\\n' > .nightshift/followups/zzz.md
                echo "Did the feature; caching is left for later." > .nightshift/note.md
                echo "private scratch" > .nightshift/scratch.txt
                git add -f .nightshift/scratch.txt && git commit --quiet -m "agent wip"
                echo "staged by force" > .nightshift/staged.txt && git add -f .nightshift/staged.txt
                """);
        home.settings("agent: {kind: generic, command: \"" + agent + "\"}\n");
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");

        assertThat(home.run("run")).isZero();

        Path next = home.root().resolve("wip-specs/shop/next");
        try (Stream<Path> filed = Files.list(next)) {
            assertThat(filed.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("add-caching.md", "add-caching-2.md", "0001-feature-2.md");
        }
        Spec caching = SpecParser.read("shop", SpecFolder.NEXT, next.resolve("add-caching.md"));
        assertThat(caching.title()).isEqualTo("Add caching");
        assertThat(caching.meta().fromAgent()).isTrue();
        assertThat(caching.meta().effectivePriority()).as("an agent's priority is ignored").isEqualTo(5);
        assertThat(caching.meta().effectiveVerify()).isNull();
        assertThat(caching.meta().effectivePaths()).isNull();
        assertThat(SpecParser.read("shop", SpecFolder.NEXT, next.resolve("add-caching-2.md")).meta().fromAgent()).isTrue();

        assertThat(home.originFiles("nightshift/0001-feature")).contains("tests/test_feature.sh")
                .noneMatch(f -> f.startsWith(".nightshift"));
        assertThat(TestHome.gitOut(home.origin(), "log", "--all", "--format=%H", "--", ".nightshift"))
                .as("no pushed commit ever held .nightshift/").isEmpty();

        assertThat(home.read("wip.md")).contains("Did the feature; caching is left for later.",
                "Filed as follow-ups in next/: 0001-feature-2, add-caching, add-caching-2");
        String comment = home.db().sql("SELECT comment FROM pull_request_updates").query(String.class).single();
        assertThat(comment).contains("Did the feature; caching is left for later.", "add-caching-2");
        Path worktree = home.root().resolve(".nightshift/worktrees/shop/0001-feature");
        assertThat(worktree.resolve(".nightshift/followups")).isEmptyDirectory();
    }

    @Test
    void theSameDiscoveredWorkIsFiledOnceAndOnlyFromARunWhoseGatePassed() throws Exception {
        TestHome home = TestHome.create(dir);
        // Every run finds the same work again (titled, and untitled); the first run also has an
        // idea of its own, but its tests fail. The sandboxed agent keeps no state outside its
        // working copy: the fix attempt is told by the failing test in its prompt.
        Path agent = home.agent("agent.sh", """
                cat > /dev/null
                mkdir -p .nightshift/followups
                printf '# Rounding\\n\\nRound the totals (seen on "%s").\\n' "$NIGHTSHIFT_TASK" > .nightshift/followups/rounding.md
                printf 'Tidy the changelog.\\n' > .nightshift/followups/changelog.md
                if [ "$NIGHTSHIFT_TASK" = One ] && ! grep -q "FAIL test_feature" "$NIGHTSHIFT_PROMPT_FILE"; then
                  printf '# Failed idea\\n' > .nightshift/followups/failed-idea.md
                  printf '#!/usr/bin/env bash\\nfalse\\n' > tests/test_feature.sh
                  exit 0
                fi
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature.sh
                echo "$NIGHTSHIFT_TASK" >> FEATURES.md
                """);
        home.settings("agent: {kind: generic, command: \"" + agent + "\"}\nbuild: {fix-attempts: 1}\n");
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n\n## Tasks\n- [ ] One\n- [ ] Two\n- [ ] Three\n");

        assertThat(home.run("run")).isZero();   // task One: the first try fails, the fix passes
        assertThat(home.run("run")).isZero();   // task Two
        assertThat(home.run("run")).isZero();   // task Three

        Path next = home.root().resolve("wip-specs/shop/next");
        try (Stream<Path> filed = Files.list(next)) {
            assertThat(filed.map(p -> p.getFileName().toString()))
                    .as("filed once, never from the failed try").containsExactlyInAnyOrder("rounding.md", "changelog.md");
        }
        assertThat(Files.readString(next.resolve("rounding.md"))).contains("origin: agent", "seen on \"One\"");
        assertThat(home.db().sql("SELECT outcome FROM build_results ORDER BY started_at").query(String.class).list())
                .containsExactly("PR_OPENED", "PR_UPDATED", "PR_UPDATED");
    }
}
