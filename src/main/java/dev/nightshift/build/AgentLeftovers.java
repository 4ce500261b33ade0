package dev.nightshift.build;

import dev.nightshift.config.Home;
import dev.nightshift.io.WorkingCopyFiles;
import dev.nightshift.spec.FollowUps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What the agent left for nightshift in its working copy's {@code .nightshift/}: the progress note
 * and the follow-up drafts. Read once after each run, as files only: no symbolic link is followed,
 * nothing larger than a limit is read, and nothing outside the working copy is touched. The folder
 * is then emptied (its links removed as links), so the next run starts without them.
 */
@Component
class AgentLeftovers {

    static final String FOLDER = ".nightshift";
    private static final long MAX_NOTE_BYTES = 64 * 1024;
    private static final int MAX_NOTE_CHARS = 4000;
    /** More drafts than this are not even read: at most {@link FollowUps#LIMIT} are filed. */
    private static final int MAX_DRAFTS = 20;

    /** The note ({@code null} when there is none) and the follow-up drafts of one run. */
    public record Left(String note, List<FollowUps.Draft> followUps) {
    }

    private final Home home;

    public AgentLeftovers(Home home) {
        this.home = home;
    }

    public Left take(Path workingCopy) {
        if (!WorkingCopyFiles.isRealFolderUnder(home.state(), workingCopy)) {
            return new Left(null, List.of());
        }
        String note = WorkingCopyFiles.readText(workingCopy, FOLDER + "/note.md", MAX_NOTE_BYTES)
                .map(String::strip).filter(t -> !t.isEmpty())
                .map(t -> t.length() > MAX_NOTE_CHARS ? t.substring(0, MAX_NOTE_CHARS) + "…" : t).orElse(null);
        List<FollowUps.Draft> drafts = new ArrayList<>();
        for (Path file : WorkingCopyFiles.regularFilesIn(workingCopy, FOLDER + "/followups")) {
            String name = file.getFileName().toString();
            String text = drafts.size() >= MAX_DRAFTS ? null
                    : WorkingCopyFiles.readText(workingCopy, FOLDER + "/followups/" + name, FollowUps.MAX_BYTES)
                    .orElse(null);
            drafts.add(new FollowUps.Draft(name, text));
        }
        empty(workingCopy);
        return new Left(note, List.copyOf(drafts));
    }

    /** Removes the folder, never following a link in it, and makes an empty follow-up folder for the next run. */
    private static void empty(Path workingCopy) {
        Path folder = workingCopy.resolve(FOLDER);
        try {
            WorkingCopyFiles.deleteTree(folder);
            Files.createDirectories(folder.resolve("followups"));
        } catch (UncheckedIOException | IOException e) {
            // the next run may then see this run's leftovers; they are judged again the same way
        }
    }
}
