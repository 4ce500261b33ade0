package dev.nightshift.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.exec.RunningProcesses;
import dev.nightshift.git.StagedChange.FileChange;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a commit changes against a tree, read from a real repository. */
class ChangeReaderTests {

    @TempDir
    Path dir;

    private final Git git = new Git(new ProcessRunner(new RunningProcesses(), new ProcessDeadline(), SecretMasker.none()),
            new ProcessEnvironment(System.getenv(), Set.of()));

    @Test
    void filesLineCountsDeletionsAndAddedLinesAreReadAndARenameIsADeletionAndAnAddition() throws Exception {
        TestHome.write(dir.resolve("keep.txt"), "one\ntwo\nthree\n");
        TestHome.write(dir.resolve("gone.txt"), "a\nb\n");
        TestHome.write(dir.resolve("old name.txt"), "the same content on several lines\nline two\nline three\n");
        TestHome.gitOut(dir, "init", "--quiet");
        TestHome.gitOut(dir, "add", "--all");
        TestHome.gitOut(dir, "commit", "--quiet", "-m", "base");
        String tree = TestHome.gitOut(dir, "rev-parse", "HEAD^{tree}").strip();

        TestHome.write(dir.resolve("keep.txt"), "one\n++ not a header\nthree\n");
        Files.delete(dir.resolve("gone.txt"));
        Files.move(dir.resolve("old name.txt"), dir.resolve("new name.txt"));
        Files.write(dir.resolve("image.bin"), new byte[] {0, 1, 2, 0, 3});
        TestHome.gitOut(dir, "add", "--all");
        TestHome.gitOut(dir, "commit", "--quiet", "-m", "change");

        StagedChange change = new ChangeReader(git).between(dir, tree, "HEAD", dir.resolve("git.log"));

        Map<String, FileChange> files = change.files().stream().collect(Collectors.toMap(FileChange::path, Function.identity()));
        assertThat(files).containsOnlyKeys("keep.txt", "gone.txt", "old name.txt", "new name.txt", "image.bin");
        assertThat(files.get("keep.txt")).extracting(FileChange::status, FileChange::added, FileChange::deleted)
                .containsExactly('M', 1, 1);
        assertThat(files.get("gone.txt")).extracting(FileChange::status, FileChange::deleted).containsExactly('D', 2);
        assertThat(files.get("old name.txt")).as("the old path of a rename is deleted")
                .extracting(FileChange::status, FileChange::deleted).containsExactly('D', 3);
        assertThat(files.get("new name.txt").status()).as("the new path is added").isEqualTo('A');
        assertThat(files.get("image.bin").binary()).isTrue();
        assertThat(change.addedLines().get("keep.txt")).containsExactly("++ not a header");
        assertThat(change.deletedLines()).isEqualTo(6);
    }
}
