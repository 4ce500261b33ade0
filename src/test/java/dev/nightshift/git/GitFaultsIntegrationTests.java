package dev.nightshift.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Git and its remotes failing under a real batch: each fault is recorded with a clear reason, the
 * batch goes on, and nothing half-done is left looking done.
 */
class GitFaultsIntegrationTests {

    @TempDir
    Path dir;

    /** Adds a test and a line per task, as an agent would. */
    private static final String WORKING = """
            n=$(ls tests/test_feature_*.sh 2>/dev/null | wc -l)
            printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature_$((n+1)).sh
            echo "$NIGHTSHIFT_TASK" >> FEATURES.md
            """;

    @Test
    void aPushRejectedBecauseTheRemoteMovedIsNamedAndTheNextBatchPublishesOnTopOfIt() throws Exception {
        TestHome home = TestHome.create(dir);
        Path moveRemote = dir.resolve("move-remote");
        Files.createFile(moveRemote);
        // After nightshift fetched, someone else pushes to the spec's branch: while base's tests run,
        // before the agent starts (a push while the agent runs is held as the agent's own, see
        // build/ChangedHomeIntegrationTests).
        Path test = dir.resolve("test.sh");
        TestHome.write(test, """
                if [ -e %1$s ]; then
                  rm %1$s
                  other=$(mktemp -d)
                  (git clone -q %2$s "$other" && cd "$other" && git checkout -q -b "nightshift/0001-feature" \\
                    && echo theirs > OTHER.md && git add OTHER.md \\
                    && git -c user.name=other -c user.email=other@localhost commit -q -m "someone else" \\
                    && git push -q origin "nightshift/0001-feature") > /dev/null
                fi
                bash tests/run.sh
                """.formatted(moveRemote, home.origin()));
        Path agent = home.agent("agent.sh", "cat > /dev/null\n" + WORKING);
        // Unconfined: the test command plays someone else pushing to the remote, which a sandbox would stop.
        home.settings("agent: {kind: generic, command: \"" + agent + "\", sandbox: none}\n");
        home.project("shop", "test: bash " + test + "\n");
        home.spec("shop", "next", "0001-feature", "# Feature\n\n## Tasks\n- [ ] First part\n- [ ] Second part\n");

        assertThat(home.run("run")).isEqualTo(1);

        JdbcClient db = home.db();
        var result = db.sql("SELECT outcome, detail FROM build_results").query().singleRow();
        assertThat(result.get("OUTCOME")).isEqualTo("FAILED");
        assertThat((String) result.get("DETAIL")).isEqualTo("could not publish: push rejected: nightshift/0001-feature"
                + " moved on the remote since it was fetched (someone else pushed to it); nothing was overwritten, the"
                + " work stays committed on the local branch and goes out after the next batch merges the remote's changes");
        assertThat(home.originFiles("nightshift/0001-feature")).as("theirs, not overwritten").contains("OTHER.md")
                .doesNotContain("FEATURES.md");
        assertThat(db.sql("SELECT COUNT(*) FROM pull_requests").query(Integer.class).single()).isZero();
        assertThat(home.read("wip-specs/shop/next/0001-feature.md")).as("not ticked, not moved").contains("- [ ] First part");
        assertThat(Files.readString(home.latestReport().resolve("report.txt"))).contains("push rejected: nightshift/0001-feature");

        assertThat(home.run("run")).isZero();

        assertThat(home.originFiles("nightshift/0001-feature")).contains("OTHER.md", "FEATURES.md");
        assertThat(db.sql("SELECT COUNT(*) FROM pull_requests").query(Integer.class).single()).isEqualTo(1);
        assertThat(home.exists("wip-specs/shop/active/0001-feature.md")).isTrue();
    }

    @Test
    void anUnreachableRemoteSkipsItsProjectWithTheReasonAndCorruptOrMissingClonesAreMadeAgain() throws Exception {
        TestHome home = TestHome.create(dir);
        Path agent = home.agent("agent.sh", "cat > /dev/null\n" + WORKING);
        home.settings("agent: {kind: generic, command: \"" + agent + "\"}\n");
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n\n## Tasks\n- [ ] One\n- [ ] Two\n- [ ] Three\n");
        Path nowhere = dir.resolve("nowhere.git");
        TestHome.write(home.root().resolve("wip-specs/gone/project.yml"), "repo: " + nowhere + "\ntest: bash tests/run.sh\n");
        home.spec("gone", "next", "0001-lost", "# Lost\n");

        assertThat(home.run("run")).as("one project failed").isEqualTo(1);

        JdbcClient db = home.db();
        assertThat(db.sql("SELECT detail FROM build_results WHERE project = 'gone'").query(String.class).single())
                .isEqualTo("git: cannot reach the repository " + nowhere + ": fatal: '" + nowhere + "' does not appear"
                        + " to be a git repository; nothing was fetched or pushed");
        assertThat(db.sql("SELECT outcome FROM build_results WHERE project = 'shop'").query(String.class).single())
                .as("the other project carried on").isEqualTo("PR_OPENED");
        assertThat(Files.readString(home.latestReport().resolve("report.txt"))).contains("cannot reach the repository " + nowhere);
        assertThat(home.exists("wip-specs/gone/next/0001-lost.md")).isTrue();

        // A clone whose HEAD was overwritten is not a repository any more: made again, work goes on.
        Path clone = home.home().clone("shop");
        Files.writeString(clone.resolve(".git/HEAD"), "garbage\n");
        assertThat(home.run("run", "--project", "shop")).isZero();
        assertThat(db.sql("SELECT outcome FROM build_results WHERE project = 'shop' ORDER BY started_at DESC LIMIT 1")
                .query(String.class).single()).isEqualTo("PR_UPDATED");
        assertThat(TestHome.gitOut(clone, "rev-parse", "--git-dir").strip()).isEqualTo(".git");

        // A clone that is gone altogether: made again from the remote, the same pull request.
        RepositoryClones.deleteTree(clone);
        assertThat(home.run("run", "--project", "shop")).isZero();
        assertThat(db.sql("SELECT COUNT(*) FROM pull_requests").query(Integer.class).single()).isEqualTo(1);
        assertThat(db.sql("SELECT outcome FROM build_results WHERE project = 'shop' ORDER BY started_at").query(String.class).list())
                .containsExactly("PR_OPENED", "PR_UPDATED", "PR_UPDATED");
        assertThat(TestHome.gitOut(home.origin(), "show", "nightshift/0001-feature:FEATURES.md")).contains("One", "Two", "Three");
        try (Stream<Path> clones = Files.list(home.home().clones())) {
            assertThat(clones.map(p -> p.getFileName().toString()))
                    .as("the broken clone is kept aside only while its branches could not be saved")
                    .allMatch(name -> name.equals("shop") || name.equals("gone") || name.startsWith(".broken-shop-"));
        }
    }
}
