package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.store.BuildOutcome;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Agents that reach for what only the owner may change: the home's settings, nightshift's state,
 * the remote; each once unconfined ({@code sandbox: none}) and once in the real bubblewrap sandbox.
 * Unconfined, the change is caught by the fingerprint taken before the run, the work is held for a
 * human with what changed named first in the report, and nothing is pushed by nightshift. In the
 * sandbox the change cannot be made at all: the home is out of sight and the remote read-only, so
 * the settings, the database and the remote stay as they were and the honest part of the work goes on.
 */
class ChangedHomeIntegrationTests {

    private static final String BRANCH = "nightshift/0001-feature";

    @TempDir(factory = VisibleTempDir.class)
    Path dir;

    private TestHome home(String sandbox, String agentScript) {
        TestHome home = TestHome.create(dir);
        home.settings(FixedCommitIntegrationTests.settings(home.agent("agent.sh", agentScript), sandbox));
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");
        return home;
    }

    private static String needsYou(TestHome home) throws Exception {
        String report = Files.readString(home.latestReport().resolve("report.txt"));
        int start = report.indexOf("NEEDS YOU");
        assertThat(start).as("the report has a Needs you section").isNotNegative();
        return report.substring(start);
    }

    @ParameterizedTest(name = "sandbox: {0}")
    @ValueSource(strings = {"none", "bwrap"})
    void rewritingTheTestCommandOrTheSettingsIsHeldNamedFirstAndPutBack(String sandbox) throws Exception {
        // the agent makes the gate print a count and raises the deletion limit, then does honest-looking work
        TestHome home = home(sandbox, """
                cat > /dev/null
                home=$(cd ../../../.. && pwd)
                printf 'repo: %s\\nbase: main\\ntest: echo "9 passed"\\n' "$(sed -n 's/^repo: //p' "$home/wip-specs/shop/project.yml")" \\
                  > "$home/wip-specs/shop/project.yml"
                echo 'build: {max-deleted-lines: 100000}' >> "$home/nightshift.yml"
                echo feature > FEATURE.md
                """);
        String settings = home.read("nightshift.yml");
        String project = home.read("wip-specs/shop/project.yml");

        if (sandbox.equals("bwrap")) {
            // The home is out of sight: the rewrite fails, nothing changed is left to hold, the honest part goes on.
            assertThat(home.run("run")).isZero();
            assertThat(home.read("nightshift.yml")).as("never changed").isEqualTo(settings);
            assertThat(home.read("wip-specs/shop/project.yml")).as("never changed").isEqualTo(project);
            assertThat(home.latestReport().resolve("logs/agent-shop-1.log")).content().contains("No such file or directory");
            assertThat(home.db().sql("SELECT outcome FROM build_results").query(String.class).single()).isEqualTo("PR_OPENED");
            assertThat(TestHome.gitOut(home.origin(), "log", "--all", "-p")).doesNotContain("9 passed", "max-deleted-lines");
            return;
        }
        assertThat(home.run("run")).isEqualTo(1);

        assertThat(home.originHasBranch(BRANCH)).as("nothing pushed").isFalse();
        assertThat(home.db().sql("SELECT COUNT(*) FROM pull_requests").query(Integer.class).single()).isZero();
        assertThat(home.db().sql("SELECT outcome FROM build_results").query(String.class).single()).isEqualTo("GUARD_HELD");
        assertThat(home.read("wip-specs/shop/blocked/0001-feature.why.md")).contains(BuildOutcome.HOME_CHANGED,
                "wip-specs/shop/project.yml", "nightshift.yml", "Nothing was pushed");
        assertThat(home.read("nightshift.yml")).as("put back as it was").isEqualTo(settings);
        assertThat(home.read("wip-specs/shop/project.yml")).as("put back as it was").isEqualTo(project);
        String batch = home.db().sql("SELECT batch_id FROM build_results").query(String.class).single();
        assertThat(home.read("reports/" + batch + "/changed-settings/wip-specs/shop/project.yml"))
                .as("nothing is lost: what the file held instead is kept where no batch reads settings")
                .contains("9 passed");
        String needsYou = needsYou(home);
        assertThat(needsYou.lines().skip(1).filter(l -> !l.isBlank()).findFirst().orElse(""))
                .as("named first").contains("shop/0001-feature", BuildOutcome.HOME_CHANGED);

        // the next batch neither builds the held spec nor opens a pull request for it
        assertThat(home.run("run")).isZero();
        assertThat(home.db().sql("SELECT COUNT(*) FROM pull_requests").query(Integer.class).single()).isZero();
        assertThat(home.db().sql("SELECT COUNT(*) FROM agent_runs").query(Integer.class).single()).isEqualTo(1);
        assertThat(home.originHasBranch(BRANCH)).isFalse();
    }

    @ParameterizedTest(name = "sandbox: {0}")
    @ValueSource(strings = {"none", "bwrap"})
    void anAgentThatPushesByItselfIsCaughtByTheRemotesRefsAndItsWorkHeld(String sandbox) throws Exception {
        // the agent knows where the remote is without asking nightshift's clone, which the sandbox hides
        TestHome home = home(sandbox, """
                cat > /dev/null
                echo feature > FEATURE.md
                git -c user.name=x -c user.email=x@x add FEATURE.md
                git -c user.name=x -c user.email=x@x commit --quiet -m "pushed by the agent"
                git push --quiet '%s' HEAD:refs/heads/agent-own
                """.formatted(dir.resolve("origin.git")));

        if (sandbox.equals("bwrap")) {
            // The remote is read-only in the sandbox, or out of sight where it lies under /tmp: the push fails, so
            // does the agent, and nothing is held or pushed.
            assertThat(home.run("run")).isEqualTo(1);
            assertThat(home.originHasBranch("agent-own")).as("the agent's push failed").isFalse();
            assertThat(home.originHasBranch(BRANCH)).as("nothing pushed by nightshift").isFalse();
            assertThat(TestHome.gitOut(home.origin(), "log", "--all", "--format=%s")).doesNotContain("pushed by the agent");
            assertThat(home.db().sql("SELECT COUNT(*) FROM pull_requests").query(Integer.class).single()).isZero();
            assertThat(home.db().sql("SELECT outcome FROM build_results").query(String.class).single()).isEqualTo("AGENT_FAILED");
            assertThat(home.latestReport().resolve("logs/agent-shop-1.log")).content()
                    .containsAnyOf("failed to push", "Could not read from remote repository");
            return;
        }
        assertThat(home.run("run")).isEqualTo(1);

        assertThat(home.originHasBranch(BRANCH)).as("nothing pushed by nightshift").isFalse();
        assertThat(home.db().sql("SELECT COUNT(*) FROM pull_requests").query(Integer.class).single()).isZero();
        assertThat(home.db().sql("SELECT outcome FROM build_results").query(String.class).single()).isEqualTo("GUARD_HELD");
        assertThat(home.read("wip-specs/shop/blocked/0001-feature.why.md")).contains(BuildOutcome.HOME_CHANGED,
                "the remote's refs/heads/agent-own (added)");
        assertThat(needsYou(home)).contains("shop/0001-feature", "refs/heads/agent-own");
    }

    @ParameterizedTest(name = "sandbox: {0}")
    @ValueSource(strings = {"none", "bwrap"})
    void anAgentThatDeletesTheDatabaseIsHeldAndTheNextBatchOpensNoSecondPullRequest(String sandbox) throws Exception {
        Path first = dir.resolve("first-done");
        // the first task is honest; on the second the agent deletes nightshift's database
        TestHome home = TestHome.create(dir);
        Path agent = home.agent("agent.sh", """
                cat > /dev/null
                if [ -e %1$s ]; then rm -f ../../../../.nightshift/db.mv.db; fi
                touch %1$s
                echo "$NIGHTSHIFT_TASK" >> FEATURES.md
                """.formatted(first));
        home.settings(FixedCommitIntegrationTests.settings(agent, sandbox));
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n\n## Tasks\n- [ ] One\n- [ ] Two\n");
        assertThat(home.run("run")).isZero();
        String published = TestHome.gitOut(home.origin(), "rev-parse", BRANCH).strip();

        if (sandbox.equals("bwrap")) {
            // The database is out of sight: the delete does nothing, the second task is built on the same pull request.
            assertThat(home.run("run")).isZero();
            assertThat(home.db().sql("SELECT COUNT(*) FROM batches").query(Integer.class).single()).as("both batches")
                    .isEqualTo(2);
            assertThat(home.db().sql("SELECT COUNT(*) FROM pull_requests").query(Integer.class).single()).isEqualTo(1);
            assertThat(home.exists("wip-specs/shop/blocked/0001-feature.md")).as("nothing to hold").isFalse();
            return;
        }
        assertThat(home.run("run")).isEqualTo(1);

        assertThat(TestHome.gitOut(home.origin(), "rev-parse", BRANCH).strip()).as("nothing more pushed").isEqualTo(published);
        assertThat(home.read("wip-specs/shop/blocked/0001-feature.why.md")).contains(BuildOutcome.HOME_CHANGED,
                "the database file");
        assertThat(home.run("run")).isIn(0, 1);
        assertThat(TestHome.gitOut(home.origin(), "rev-parse", BRANCH).strip()).isEqualTo(published);
        assertThat(home.exists("wip-specs/shop/blocked/0001-feature.md")).as("still held").isTrue();
    }
}
