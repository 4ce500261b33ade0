package dev.nightshift.spec;

import dev.nightshift.config.Home;
import dev.nightshift.io.AtomicFiles;
import dev.nightshift.secret.SecretMasker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** wip.md, the global memory: one dated entry per agent run; its recent entries go into the prompt. */
@Component
public class WipJournal {

    static final String HEADER = "# wip.md: nightshift's memory\n\n"
            + "One entry per agent run, newest last. The agent sees the most recent entries.\n";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Path file;
    private final SecretMasker masker;

    public WipJournal(Home home, SecretMasker masker) {
        this.file = home.wipJournal();
        this.masker = masker;
    }

    public synchronized void append(ZonedDateTime when, String project, String spec, String task, String outcome,
                                    String note) {
        String entry = entry(when, project, spec, task, outcome, note);
        try {
            // The whole file again, renamed into place: a full disk never leaves half an entry.
            String current = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : HEADER;
            AtomicFiles.write(file, current + masker.mask(entry));
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to " + file, e);
        }
    }

    /** One entry as it is appended: a blank line, its heading, the task, and the note when there is one. */
    public static String entry(ZonedDateTime when, String project, String spec, String task, String outcome,
                               String note) {
        StringBuilder entry = new StringBuilder("\n## ").append(WHEN.format(when)).append(" · ")
                .append(project).append('/').append(spec).append(" · ").append(outcome).append("\n\n")
                .append("Task: ").append(task).append('\n');
        if (note != null && !note.isBlank()) {
            entry.append('\n').append(note.strip()).append('\n');
        }
        return entry.toString();
    }

    /** The entries of a journal's text, oldest first (the header left out). */
    public static List<String> entries(String text) {
        List<String> entries = new ArrayList<>(List.of(text.split("(?m)^(?=## )")));
        entries.removeIf(e -> !e.startsWith("## "));
        return entries;
    }

    /** The last {@code count} entries, oldest first, for the prompt. */
    public String recent(int count) {
        if (!Files.exists(file)) {
            return "";
        }
        try {
            List<String> entries = entries(Files.readString(file, StandardCharsets.UTF_8));
            return String.join("", entries.subList(Math.max(0, entries.size() - count), entries.size())).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
