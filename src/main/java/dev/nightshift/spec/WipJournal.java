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
        StringBuilder entry = new StringBuilder("\n## ").append(WHEN.format(when)).append(" · ")
                .append(project).append('/').append(spec).append(" · ").append(outcome).append("\n\n")
                .append("Task: ").append(task).append('\n');
        if (note != null && !note.isBlank()) {
            entry.append('\n').append(note.strip()).append('\n');
        }
        try {
            // The whole file again, renamed into place: a full disk never leaves half an entry.
            String current = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : HEADER;
            AtomicFiles.write(file, current + masker.mask(entry.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to " + file, e);
        }
    }

    /** The last {@code count} entries, oldest first, for the prompt. */
    public String recent(int count) {
        if (!Files.exists(file)) {
            return "";
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            List<String> entries = new ArrayList<>(List.of(text.split("(?m)^(?=## )")));
            entries.removeIf(e -> !e.startsWith("## "));
            return String.join("", entries.subList(Math.max(0, entries.size() - count), entries.size())).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
