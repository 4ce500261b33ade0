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
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * What the agent left for nightshift in its working copy's {@code .nightshift/}: the progress note,
 * the follow-up drafts, and its answers to review points ({@code answers.md}, {@code ## <number>}
 * sections). All of it is data for the owner's eyes: never read as settings, never run. Read once after each run, as files only: no symbolic link is followed,
 * nothing larger than a limit is read, and nothing outside the working copy is touched. The folder
 * is then emptied (its links removed as links), so the next run starts without them.
 */
@Component
class AgentLeftovers {

    static final String FOLDER = ".nightshift";
    private static final long MAX_NOTE_BYTES = 64 * 1024;
    private static final int MAX_NOTE_CHARS = 4000;
    private static final int MAX_ANSWER_CHARS = 2000;
    private static final Pattern ANSWER_HEADING = Pattern.compile("^#{1,3}\\s*(?:[Pp]oint\\s*)?(\\d{1,4})\\b.*$");
    /** More drafts than this are not even read: at most {@link FollowUps#LIMIT} are filed. */
    private static final int MAX_DRAFTS = 20;

    /** The note ({@code null} when there is none), the follow-up drafts and the review answers of one run. */
    public record Left(String note, List<FollowUps.Draft> followUps, Map<Integer, String> answers) {

        public Left(String note, List<FollowUps.Draft> followUps) {
            this(note, followUps, Map.of());
        }
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
        Map<Integer, String> answers = WorkingCopyFiles.readText(workingCopy, FOLDER + "/answers.md", MAX_NOTE_BYTES)
                .map(AgentLeftovers::answers).orElse(Map.of());
        empty(workingCopy);
        return new Left(note, List.copyOf(drafts), answers);
    }

    /**
     * The answers by point number: the text under each {@code ## <number>} heading, cut to a
     * length an answer needs. A heading without text is no answer.
     */
    static Map<Integer, String> answers(String text) {
        Map<Integer, String> answers = new TreeMap<>();
        Integer current = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n")) {
            Matcher heading = ANSWER_HEADING.matcher(line);
            if (heading.matches()) {
                keep(answers, current, body);
                current = Integer.valueOf(heading.group(1));
                body.setLength(0);
            } else if (current != null) {
                body.append(line).append('\n');
            }
        }
        keep(answers, current, body);
        return Map.copyOf(answers);
    }

    private static void keep(Map<Integer, String> answers, Integer point, StringBuilder body) {
        String answer = body.toString().strip();
        if (point != null && !answer.isEmpty() && !answers.containsKey(point)) {
            answers.put(point, answer.length() > MAX_ANSWER_CHARS ? answer.substring(0, MAX_ANSWER_CHARS) + "…" : answer);
        }
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
