package dev.nightshift.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BubblewrapArgumentsTests {

    @TempDir
    Path dir;

    @Test
    void theFileSystemIsReadOnlyThenHiddenFoldersEmptiedThenTheWorkingCopyAndScratchHomeWritable() throws IOException {
        Path home = Files.createDirectories(dir.resolve("nightshift-home"));
        Path owner = Files.createDirectories(dir.resolve("owner"));
        Path work = Files.createDirectories(home.resolve(".nightshift/worktrees/p/s"));
        Path scratch = Files.createDirectories(home.resolve(".nightshift/sandbox/home-1"));
        Path prompt = Files.writeString(Files.createDirectories(home.resolve(".nightshift/prompts")).resolve("run.md"), "");
        Confinement confinement = new Confinement(Path.of("/usr/bin/bwrap"), null, List.of(home, owner),
                List.of(prompt), List.of(), true, home.resolve(".nightshift/sandbox"));

        List<String> args = BubblewrapArguments.command(confinement, work, scratch, List.of("agent", "--flag"));

        assertThat(args.subList(0, 7)).containsExactly("/usr/bin/bwrap", "--die-with-parent", "--unshare-pid", "--new-session",
                "--cap-drop", "ALL", "--unshare-ipc");
        assertThat(args).doesNotContain("--unshare-net");
        assertThat(String.join(" ", args)).contains("--ro-bind / / --dev /dev --proc /proc --tmpfs /tmp --tmpfs /run");
        int readOnlyRoot = args.indexOf("--ro-bind");
        int hideHome = indexOfPair(args, "--tmpfs", home.toString());
        int hideOwner = indexOfPair(args, "--tmpfs", owner.toString());
        int showWork = indexOfPair(args, "--bind", work.toString());
        int showScratch = indexOfPair(args, "--bind", scratch.toString());
        int showPrompt = indexOfPair(args, "--ro-bind", prompt.toString());
        assertThat(readOnlyRoot).isLessThan(hideHome).isLessThan(hideOwner);
        assertThat(showWork).isGreaterThan(Math.max(hideHome, hideOwner));
        assertThat(showScratch).isGreaterThan(Math.max(hideHome, hideOwner));
        assertThat(showPrompt).isGreaterThan(Math.max(hideHome, hideOwner));
        assertThat(indexOfPair(args, "--remount-ro", home.toString())).isGreaterThan(Math.max(showWork, showPrompt));
        assertThat(args.get(args.indexOf("--chdir") + 1)).isEqualTo(work.toString());
        assertThat(args.subList(args.indexOf("--"), args.size())).containsExactly("--", "agent", "--flag");
    }

    @Test
    void noNetworkUnsharesItAndParentsAreHiddenBeforeTheirChildren() throws IOException {
        Path outer = Files.createDirectories(dir.resolve("owner"));
        Path inner = Files.createDirectories(outer.resolve("nightshift"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Confinement confinement = new Confinement(Path.of("/usr/bin/bwrap"), null, List.of(inner, outer),
                List.of(), List.of(), false, dir);

        List<String> args = BubblewrapArguments.command(confinement, work, dir, List.of("true"));

        assertThat(args).contains("--unshare-net");
        assertThat(indexOfPair(args, "--tmpfs", outer.toString())).isLessThan(indexOfPair(args, "--tmpfs", inner.toString()));
    }

    @Test
    void theRootAndFoldersThatDoNotExistAreNeverHidden() {
        Path missing = dir.resolve("not-there");
        Confinement confinement = new Confinement(Path.of("/usr/bin/bwrap"), null, List.of(Path.of("/"), missing),
                List.of(missing.resolve("prompt.md")), List.of(), true, dir);

        List<String> args = BubblewrapArguments.command(confinement, dir, dir, List.of("true"));

        assertThat(Collections.frequency(args, "--tmpfs")).as("only /tmp and /run").isEqualTo(2);
        assertThat(args).doesNotContain(missing.toString(), missing.resolve("prompt.md").toString());
    }

    private static int indexOfPair(List<String> args, String option, String path) {
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).equals(option) && args.get(i + 1).equals(path)) {
                return i;
            }
        }
        throw new AssertionError(option + " " + path + " not in " + args);
    }
}
