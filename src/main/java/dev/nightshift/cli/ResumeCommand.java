package dev.nightshift.cli;

import dev.nightshift.config.Home;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code nightshift resume}: removes {@code wip-specs/PAUSE}; the next batch works again. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Remove wip-specs/PAUSE: the next batch runs the agent again.")
class ResumeCommand implements Callable<Integer> {

    @ParentCommand
    NightshiftCommand parent;

    @Override
    public Integer call() throws IOException {
        Home home = parent.home();
        boolean was = Files.deleteIfExists(home.pauseFile());
        System.out.println(was ? "resumed: the next batch runs the agent again" : "not paused: nothing to resume");
        return 0;
    }
}
