package dev.nightshift.cli;

import dev.nightshift.config.Home;
import dev.nightshift.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nightshift pause}: writes {@code wip-specs/PAUSE}. While it exists every batch stops
 * before its first phase: no agent runs, no tokens, no mail under {@code when-idle: skip}.
 */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = "Stop agent work until `nightshift resume`: writes wip-specs/PAUSE. A batch already running"
                + " finishes; every later batch stops before its first phase.")
class PauseCommand implements Callable<Integer> {

    /** How the file this command writes begins; the reason follows on the next line. */
    private static final String HEADER = "Paused by `nightshift pause` on ";

    @ParentCommand
    NightshiftCommand parent;

    @Parameters(arity = "0..*", paramLabel = "REASON", description = "Why, for whoever reads the file.")
    String[] reason;

    @Override
    public Integer call() throws IOException {
        Home home = parent.home();
        boolean already = Files.exists(home.pauseFile());
        String why = reason == null || reason.length == 0 ? "" : String.join(" ", reason).strip() + "\n";
        AtomicFiles.write(home.pauseFile(), HEADER + LocalDateTime.now().withNano(0)
                + ". While this file exists no agent runs; `nightshift resume` (or deleting it) goes on.\n" + why);
        System.out.println((already ? "still paused" : "paused") + ": no agent runs until `nightshift resume` ("
                + home.root().relativize(home.pauseFile()) + ")");
        return 0;
    }

    /**
     * Why the home is paused, as its PAUSE file says: the reason given to this command, or the
     * text of a file the owner wrote by hand; empty when none was given.
     */
    static String reason(Path pauseFile) {
        String text;
        try {
            text = Files.readString(pauseFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
        if (text.startsWith(HEADER)) {
            int firstLineEnd = text.indexOf('\n');
            text = firstLineEnd < 0 ? "" : text.substring(firstLineEnd + 1);
        }
        return text.strip().replaceAll("\\s+", " ");
    }
}
