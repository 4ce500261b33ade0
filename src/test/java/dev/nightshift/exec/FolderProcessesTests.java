package dev.nightshift.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderProcessesTests {

    private final Path state = Path.of("/srv/home/.nightshift");

    @Test
    void aWorkingFolderInsideTheStateFolderCountsAlsoWhenItWasDeleted() {
        assertThat(FolderProcesses.inside("/srv/home/.nightshift/worktrees/p/s", state)).isTrue();
        assertThat(FolderProcesses.inside("/srv/home/.nightshift/worktrees/p/s (deleted)", state)).isTrue();
        assertThat(FolderProcesses.inside("/srv/home/.nightshift", state)).isTrue();
    }

    @Test
    void anyOtherWorkingFolderDoesNot() {
        assertThat(FolderProcesses.inside("/srv/home", state)).isFalse();
        assertThat(FolderProcesses.inside("/srv/home/.nightshiftx/worktrees", state)).isFalse();
        assertThat(FolderProcesses.inside(null, state)).isFalse();
        assertThat(FolderProcesses.inside("socket:[123]", state)).isFalse();
    }

    @Test
    void aProcessWorkingInTheFolderIsKilledAndOneOutsideItIsNot(@TempDir Path dir) throws Exception {
        Path inside = Files.createDirectories(dir.resolve(".nightshift/worktrees/p/s"));
        Process stray = new ProcessBuilder("setsid", "sleep", "300").directory(inside.toFile()).start();
        Process other = new ProcessBuilder("sleep", "300").directory(dir.toFile()).start();
        try {
            int killed = FolderProcesses.killInside(dir.resolve(".nightshift"));

            assertThat(killed).isEqualTo(1);
            assertThat(stray.waitFor(30, TimeUnit.SECONDS)).as("the stray died").isTrue();
            assertThat(other.isAlive()).isTrue();
        } finally {
            stray.destroyForcibly();
            other.destroyForcibly();
        }
    }
}
