package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.ChildNightshift;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Agents that try to change what is pushed after, or around, the gate, each once unconfined
 * ({@code sandbox: none}) and once in the real bubblewrap sandbox: one commit, made by nightshift
 * from the agent's files, is judged, tested in a clean checkout and pushed by its id. Whatever the
 * agent does to its own repository, to the test run's checkout or after the gate, nothing of the
 * cheat reaches any branch of the remote, in either mode. Every cheat writes the word CHEAT into
 * what it tries to get pushed.
 */
class FixedCommitIntegrationTests {

    private static final String BRANCH = "nightshift/0001-feature";

    @TempDir(factory = VisibleTempDir.class)
    Path dir;

    private TestHome home(String sandbox, String agentScript) {
        TestHome home = TestHome.create(dir);
        home.settings(settings(home.agent("agent.sh", agentScript), sandbox));
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");
        return home;
    }

    /** With {@code none}, unconfined on purpose: these checks alone then stand between the agent and the push. */
    static String settings(Path agent, String sandbox) {
        return "agent: {kind: generic, command: \"" + agent + "\", sandbox: " + sandbox + "}\nbuild: {fix-attempts: 0}\n";
    }

    /** No commit on any branch of the remote holds the cheat. */
    private static void nothingOfTheCheatOnTheRemote(TestHome home) {
        assertThat(TestHome.gitOut(home.origin(), "log", "--all", "-p", "--format=%H %s")).doesNotContain("CHEAT");
    }

    private static String outcome(TestHome home) {
        return home.db().sql("SELECT outcome FROM build_results").query(String.class).single();
    }

    private static int pullRequests(TestHome home) {
        return home.db().sql("SELECT COUNT(*) FROM pull_requests").query(Integer.class).single();
    }

    @ParameterizedTest(name = "sandbox: {0}")
    @ValueSource(strings = {"none", "bwrap"})
    void aTestThatCommitsBrokenCodeWhileTheGateRunsChangesNothingThatIsPushed(String sandbox) {
        // the test passes, and while it runs commits a broken version where it runs
        TestHome home = home(sandbox, """
                cat > /dev/null
                cat > tests/test_feature.sh <<'EOF'
                #!/usr/bin/env bash
                w=CH; w=${w}EAT
                echo "$w" > "$w.md"
                git -c user.name=x -c user.email=x@x add "$w.md" >/dev/null 2>&1
                git -c user.name=x -c user.email=x@x commit --quiet --no-verify -m "$w" >/dev/null 2>&1
                true
                EOF
                echo feature > FEATURE.md
                """);

        assertThat(home.run("run")).isZero();

        assertThat(outcome(home)).isEqualTo("PR_OPENED");
        assertThat(OriginRepo.show(home, BRANCH, "src/version.sh")).isEqualTo("version() { echo 0.1.0; }\n");
        nothingOfTheCheatOnTheRemote(home);
        assertThat(home.root().resolve(".nightshift/worktrees/shop/_gate-0001-feature")).as("the gate's checkout is gone")
                .doesNotExist();
    }

    @ParameterizedTest(name = "sandbox: {0}")
    @ValueSource(strings = {"none", "bwrap"})
    void aBrokenCommitHiddenBehindSkipWorktreeIsNotWhatIsPushedTheFilesAre(String sandbox) {
        // the agent commits a broken file, puts the good one back in its folder and hides the difference
        TestHome home = home(sandbox, """
                cat > /dev/null
                git config user.name x; git config user.email x@x
                echo 'version() { echo CHEAT; }' > src/version.sh
                git commit --quiet -am "CHEAT"
                echo 'version() { echo 0.1.0; }' > src/version.sh
                git update-index --skip-worktree src/version.sh
                echo feature > FEATURE.md
                git add FEATURE.md && git commit --quiet -m "feature"
                """);

        assertThat(home.run("run")).isZero();

        assertThat(outcome(home)).isEqualTo("PR_OPENED");
        assertThat(OriginRepo.show(home, BRANCH, "src/version.sh")).isEqualTo("version() { echo 0.1.0; }\n");
        assertThat(OriginRepo.show(home, BRANCH, "FEATURE.md")).isEqualTo("feature\n");
        assertThat(OriginRepo.log(home, BRANCH).lines()).as("the agent's own commits are not pushed")
                .doesNotContain("feature");
        nothingOfTheCheatOnTheRemote(home);
    }

    @ParameterizedTest(name = "sandbox: {0}")
    @ValueSource(strings = {"none", "bwrap"})
    void aFixKeptOnlyInAnIgnoredFileOrInTheAgentsOwnCommitsFailsTheGate(String sandbox) {
        // the test passes in the agent's folder only: its fix is in target/ (ignored) and in a commit of the agent's
        TestHome home = home(sandbox, """
                cat > /dev/null
                mkdir -p target
                echo 'fixed() { echo yes; }' > target/fix.sh
                printf '#!/usr/bin/env bash\\nsource target/fix.sh && [ "$(fixed)" = yes ]\\n' > tests/test_feature.sh
                echo 'CHEAT' > FEATURE.md
                """);

        assertThat(home.run("run")).isEqualTo(1);

        assertThat(outcome(home)).isEqualTo("TESTS_FAILED");
        assertThat(home.originHasBranch(BRANCH)).isFalse();
        assertThat(pullRequests(home)).isZero();
        nothingOfTheCheatOnTheRemote(home);
        Path clone = home.root().resolve(".nightshift/repos/shop");
        assertThat(TestHome.gitOut(clone, "ls-tree", "-r", "--name-only", BRANCH))
                .as("kept on the local branch, without what the build ignores").contains("tests/test_feature.sh")
                .doesNotContain("target/");
    }

    @ParameterizedTest(name = "sandbox: {0}")
    @ValueSource(strings = {"none", "bwrap"})
    void aProcessThatEscapedTheKillAndCommitsAfterTheGatePushesNothing(String sandbox) throws Exception {
        Path committed = dir.resolve("escaped-committed");
        Path started = dir.resolve("gate-started");
        // a test that waits for the escaped process to have committed before it passes
        TestHome home = home(sandbox, """
                cat > /dev/null
                printf '#!/usr/bin/env bash\\ntouch %2$s\\nfor i in $(seq 1 200); do [ -e %1$s ] && exit 0; sleep 0.1; done\\nexit 0\\n' > tests/test_feature.sh
                here=$(pwd)
                env -u NIGHTSHIFT_RUN setsid sh -c '
                  cd /
                  ( for i in $(seq 1 300); do [ -e %2$s ] && break; sleep 0.1; done
                    echo CHEAT > "$0/CHEAT.md"
                    git -C "$0" -c user.name=x -c user.email=x@x add CHEAT.md
                    git -C "$0" -c user.name=x -c user.email=x@x commit --quiet --no-verify -m CHEAT
                    touch %1$s ) &
                ' "$here" > /dev/null 2>&1 < /dev/null &
                sleep 1
                """.formatted(committed, started));

        assertThat(home.run("run")).isZero();

        if (sandbox.equals("none")) {
            assertThat(committed).as("the escaped process did commit").exists();
        } else {
            // Died with the sandbox when the agent ended; outside its copy it could not have written anyway.
            assertThat(committed).as("the sandbox stopped the escaped process").doesNotExist();
        }
        assertThat(outcome(home)).isEqualTo("PR_OPENED");
        assertThat(OriginRepo.show(home, BRANCH, "src/version.sh")).isEqualTo("version() { echo 0.1.0; }\n");
        nothingOfTheCheatOnTheRemote(home);
    }

    @ParameterizedTest(name = "sandbox: {0}")
    @ValueSource(strings = {"none", "bwrap"})
    void renamingATestAwayWithGitMvIsADeletionTheGuardHolds(String sandbox) throws Exception {
        // the count stays the same: a trivial new test takes the place of the one moved away
        TestHome home = TestHome.create(dir);
        OriginRepo.commit(home, dir, "main", Map.of("tests/test_more.sh", "#!/usr/bin/env bash\ntrue\n"), "a second test");
        Path agent = home.agent("agent.sh", """
                cat > /dev/null
                mkdir -p attic
                git mv tests/test_more.sh attic/CHEAT_more.txt
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_trivial.sh
                """);
        home.settings(settings(agent, sandbox));
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Speed up the tests\n");

        assertThat(home.run("run")).isEqualTo(1);

        assertThat(outcome(home)).isEqualTo("GUARD_HELD");
        assertThat(home.read("wip-specs/shop/blocked/0001-feature.why.md")).contains("deleted files", "`tests/test_more.sh`");
        assertThat(home.originHasBranch(BRANCH)).isFalse();
        assertThat(pullRequests(home)).isZero();
        nothingOfTheCheatOnTheRemote(home);
        assertThat(Files.readString(home.latestReport().resolve("report.txt"))).contains("NEEDS YOU",
                "shop/0001-feature is blocked");
    }

    @ParameterizedTest(name = "sandbox: {0}")
    @ValueSource(strings = {"none", "bwrap"})
    void aFollowUpFolderThatIsALinkToTheOwnersQueueIsNeitherReadNorEmptied(String sandbox) throws Exception {
        TestHome home = home(sandbox, """
                cat > /dev/null
                rm -rf .nightshift/followups
                mkdir -p .nightshift
                ln -s "$(cd ../../../.. && pwd)/wip-specs/shop/next" .nightshift/followups
                ln -s "$(cd ../../../.. && pwd)/wip-specs/shop/next/0002-owner.md" .nightshift/note.md
                echo feature > FEATURE.md
                """);
        Path owners = home.spec("shop", "next", "0002-owner", "---\ndepends-on: [0001-feature]\n---\n# The owner's own\n");
        String text = Files.readString(owners);

        assertThat(home.run("run")).isZero();

        assertThat(owners).as("the owner's spec is untouched").hasContent(text);
        try (var next = Files.list(home.root().resolve("wip-specs/shop/next"))) {
            assertThat(next.map(p -> p.getFileName().toString())).as("nothing filed").containsExactly("0002-owner.md");
        }
        assertThat(home.read("wip.md")).doesNotContain("The owner's own");
        assertThat(home.db().sql("SELECT COUNT(*) FROM build_results WHERE note IS NOT NULL").query(Integer.class).single())
                .as("the linked note is not read").isZero();
    }

    @ParameterizedTest(name = "sandbox: {0}")
    @ValueSource(strings = {"none", "bwrap"})
    void hooksTheAgentSetsAndHooksOfTheOwnersGlobalConfigNeverRunInNightshiftsGit(String sandbox) throws Exception {
        Path hooks = dir.resolve("hooks");
        Path markers = Files.createDirectories(dir.resolve("markers"));
        for (String hook : List.of("pre-commit", "post-commit", "post-checkout", "post-merge", "post-rewrite",
                "reference-transaction", "pre-push", "post-update")) {
            Path file = hooks.resolve(hook);
            TestHome.write(file, "#!/bin/sh\ntouch " + markers.resolve(hook) + "\nexit 0\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path owner = Files.createDirectories(dir.resolve("owner-home"));
        TestHome.write(owner.resolve(".gitconfig"), "[core]\n\thooksPath = " + hooks + "\n");
        // the agent's own git runs no hook here: it only writes config, in its copy and in nightshift's clone
        TestHome home = home(sandbox, """
                cat > /dev/null
                git config core.hooksPath %1$s
                cp %1$s/* .git/hooks/
                git -C ../../../repos/shop config core.hooksPath %1$s
                echo feature > FEATURE.md
                """.formatted(hooks));
        Path log = dir.resolve("child.log");
        ProcessBuilder builder = ChildNightshift.builder(home, log, "run");
        builder.environment().put("HOME", owner.toString());
        builder.environment().remove("GIT_CONFIG_GLOBAL");
        Process child = builder.start();
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("the batch ends").isTrue();

        try (var ran = Files.list(markers)) {
            assertThat(ran.map(p -> p.getFileName().toString())).as("no hook ran in nightshift's git").isEmpty();
        }
        nothingOfTheCheatOnTheRemote(home);
        assertThat(Files.readString(log)).contains("batch ");
    }
}
