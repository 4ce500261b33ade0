package dev.nightshift.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.config.Home;
import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.exec.RunningProcesses;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The candidate commit is made from the working copy's files, never from the agent's repository:
 * its index flags, its commits and its config change nothing; links stay links, executable bits
 * stay, {@code .nightshift/} and ignored files stay out, a nested repository is not committed.
 */
class CandidateCommitsTests {

    private static final String BRANCH = "nightshift/0001-x";

    @TempDir
    Path dir;

    private final Git git = new Git(new ProcessRunner(new RunningProcesses(), new ProcessDeadline(), SecretMasker.none()),
            new ProcessEnvironment(System.getenv(), Set.of()));
    private Home home;
    private Path clone;
    private Path copy;
    private Path log;
    private CandidateCommits candidates;

    @BeforeEach
    void aCloneWithABranchAndTheAgentsWorkingCopyOfIt() {
        home = new Home(dir.resolve("home"));
        Path seed = dir.resolve("seed");
        TestHome.write(seed.resolve(".gitignore"), "target/\n");
        TestHome.write(seed.resolve("src/a.sh"), "echo a\n");
        TestHome.write(seed.resolve("src/b.sh"), "echo b\n");
        TestHome.gitOut(dir, "init", "--quiet", seed.toString());
        TestHome.gitOut(seed, "add", "--all");
        TestHome.gitOut(seed, "commit", "--quiet", "-m", "seed");
        clone = home.clone("p");
        TestHome.gitOut(dir, "clone", "--quiet", "--no-checkout", seed.toString(), clone.toString());
        TestHome.gitOut(clone, "branch", BRANCH, "origin/" + TestHome.gitOut(seed, "branch", "--show-current").strip());
        log = dir.resolve("git.log");
        copy = new Worktrees(home, git).workingCopy(clone, home.worktree("p", "0001-x"), BRANCH, List.of(), log);
        candidates = new CandidateCommits(home, git);
    }

    private String show(String commit, String path) {
        return TestHome.gitOut(clone, "show", commit + ":" + path);
    }

    @Test
    void theFilesAreCommittedNotTheAgentsIndexCommitsOrFlags() throws Exception {
        String parent = candidates.tip(clone, BRANCH, log);
        // the agent commits something else, then hides a change to a.sh behind an index flag
        TestHome.write(copy.resolve("src/b.sh"), "echo committed by the agent\n");
        TestHome.gitOut(copy, "commit", "--quiet", "-am", "the agent's own");
        TestHome.write(copy.resolve("src/b.sh"), "echo b\n");
        TestHome.gitOut(copy, "update-index", "--skip-worktree", "src/b.sh");
        TestHome.write(copy.resolve("src/a.sh"), "echo a, changed\n");
        TestHome.gitOut(copy, "update-index", "--assume-unchanged", "src/a.sh");
        Files.setPosixFilePermissions(copy.resolve("src/a.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(copy.resolve("src/link"), Path.of("/etc/passwd"));
        TestHome.write(copy.resolve("target/out.txt"), "built\n");
        TestHome.write(copy.resolve(".nightshift/note.md"), "a note\n");
        TestHome.write(copy.resolve("vendor/lib/x.txt"), "x\n");
        TestHome.gitOut(copy.resolve("vendor/lib"), "init", "--quiet");
        TestHome.gitOut(copy.resolve("vendor/lib"), "add", "x.txt");
        TestHome.gitOut(copy.resolve("vendor/lib"), "commit", "--quiet", "-m", "nested");

        String commit = candidates.commit(clone, copy, BRANCH, List.of(parent), "the candidate", log).orElseThrow();

        assertThat(show(commit, "src/a.sh")).isEqualTo("echo a, changed\n");
        assertThat(show(commit, "src/b.sh")).isEqualTo("echo b\n");
        assertThat(TestHome.gitOut(clone, "ls-tree", "-r", commit)).contains("100755 blob", "\tsrc/a.sh")
                .containsPattern("120000 blob [0-9a-f]+\tsrc/link")
                .doesNotContain("target/", ".nightshift", "vendor/lib");
        assertThat(show(commit, "src/link")).as("a link is stored as a link").isEqualTo("/etc/passwd");
        assertThat(TestHome.gitOut(clone, "log", "--format=%P %an <%ae> %s", "-1", commit).strip())
                .isEqualTo(parent + " nightshift <nightshift@localhost> the candidate");
        assertThat(candidates.tip(clone, BRANCH, log)).as("the branch moved to it").isEqualTo(commit);
    }

    @Test
    void unchangedFilesMakeNoCommit() {
        String parent = candidates.tip(clone, BRANCH, log);
        TestHome.write(copy.resolve(".nightshift/followups/x.md"), "# X\n");

        assertThat(candidates.commit(clone, copy, BRANCH, List.of(parent), "nothing", log)).isEmpty();
        assertThat(candidates.tip(clone, BRANCH, log)).isEqualTo(parent);
    }

    @Test
    void aWorkingCopyReplacedByALinkIsNotRead() throws Exception {
        String parent = candidates.tip(clone, BRANCH, log);
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        TestHome.write(elsewhere.resolve("secret.txt"), "the owner's\n");
        new Worktrees(home, git).remove(clone, copy, log);
        Files.createSymbolicLink(copy, elsewhere);

        assertThatThrownBy(() -> candidates.commit(clone, copy, BRANCH, List.of(parent), "x", log))
                .isInstanceOf(GitException.class).hasMessageContaining("replaced by a link");
    }
}
