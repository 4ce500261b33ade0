package dev.nightshift.git;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nightshift's git runs no hook and reads no configuration an agent could have written: not the
 * repository's hooks folder, not a {@code core.hooksPath} in the repository's config or in the
 * owner's {@code ~/.gitconfig}, not an fsmonitor, not a global ignore file.
 */
class GitIsolationTests {

    private static final List<String> HOOKS = List.of("pre-commit", "post-commit", "post-checkout", "post-merge",
            "reference-transaction", "pre-push", "post-rewrite", "pre-auto-gc", "fsmonitor-watchman");

    @TempDir
    Path dir;

    @Test
    void hooksFromTheRepositoryAndTheOwnersGlobalConfigNeverRunNorDoesAGlobalIgnoreApply() throws Exception {
        Path hooks = dir.resolve("hooks");
        Path markers = Files.createDirectories(dir.resolve("markers"));
        for (String hook : HOOKS) {
            Path file = hooks.resolve(hook);
            TestHome.write(file, "#!/bin/sh\ntouch " + markers.resolve(hook) + "\nexit 0\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path owner = Files.createDirectories(dir.resolve("owner-home"));
        TestHome.write(owner.resolve(".gitconfig"), "[core]\n\thooksPath = " + hooks + "\n\texcludesFile = "
                + owner.resolve("ignore") + "\n\tfsmonitor = " + hooks.resolve("fsmonitor-watchman") + "\n");
        TestHome.write(owner.resolve("ignore"), "*.owners\n");
        Path repo = dir.resolve("repo");
        TestHome.write(repo.resolve("a.txt"), "a\n");
        TestHome.write(repo.resolve("c.owners"), "c\n");
        TestHome.gitOut(dir, "init", "--quiet", repo.toString());
        TestHome.gitOut(repo, "config", "core.hooksPath", hooks.toString());
        TestHome.gitOut(repo, "config", "user.name", "someone");
        TestHome.gitOut(repo, "config", "user.email", "someone@localhost");
        Files.createDirectories(repo.resolve(".git/hooks"));
        for (String hook : HOOKS) {
            Files.copy(hooks.resolve(hook), repo.resolve(".git/hooks").resolve(hook));
        }
        Git git = new Git(new ProcessRunner(new RunningProcesses(), new ProcessDeadline(), SecretMasker.none()),
                new ProcessEnvironment(Map.of("PATH", System.getenv("PATH"), "HOME", owner.toString()), Set.of()));
        Path log = dir.resolve("git.log");

        git.out(repo, log, "add", "--all");
        git.out(repo, log, "commit", "--quiet", "-m", "one");
        git.out(repo, log, "checkout", "--quiet", "-b", "other");
        TestHome.write(repo.resolve("b.txt"), "b\n");
        git.out(repo, log, "add", "b.txt");
        git.out(repo, log, "commit", "--quiet", "-m", "two");
        git.out(repo, log, "commit", "--quiet", "--amend", "-m", "two, amended");
        git.out(repo, log, "checkout", "--quiet", "-");
        git.out(repo, log, "merge", "--quiet", "--no-edit", "other");
        git.run(repo, log, "status");

        try (var ran = Files.list(markers)) {
            assertThat(ran.map(p -> p.getFileName().toString())).as("no hook ran").isEmpty();
        }
        assertThat(git.out(repo, log, "ls-files")).as("the owner's global ignore file is not read")
                .isEqualTo("a.txt\nb.txt\nc.owners");
        assertThat(git.out(repo, log, "log", "-1", "--format=%an <%ae>")).isEqualTo("nightshift <nightshift@localhost>");
    }
}
