package dev.nightshift.spec;

import dev.nightshift.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Ticks a task in its spec file, only after the gate passed for it. */
@Component
public class SpecTicker {

    private static final Logger log = LoggerFactory.getLogger(SpecTicker.class);

    /** @return whether the file changed */
    public boolean tick(Spec spec, SpecTask task, boolean dryRun) {
        if (!spec.hasTaskList() || task.line() < 0) {
            return false;
        }
        if (dryRun) {
            log.info("DRY-RUN: would tick \"{}\" in {}", task.text(), spec.file());
            return false;
        }
        try {
            String text = Files.readString(spec.file(), StandardCharsets.UTF_8);
            String[] lines = text.split("\n", -1);
            if (task.line() >= lines.length) {
                return false;
            }
            String line = lines[task.line()];
            boolean crlf = line.endsWith("\r");
            Matcher m = SpecParser.ITEM.matcher(crlf ? line.substring(0, line.length() - 1) : line);
            if (!m.matches() || !m.group(3).strip().equals(task.text())) {
                log.warn("the task \"{}\" is no longer on line {} of {}; not ticked", task.text(), task.line() + 1,
                        spec.file());
                return false;
            }
            lines[task.line()] = m.group(1) + "[x] " + m.group(3) + (crlf ? "\r" : "");
            AtomicFiles.write(spec.file(), String.join("\n", lines));
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not tick a task in " + spec.file(), e);
        }
    }
}
