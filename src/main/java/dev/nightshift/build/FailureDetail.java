package dev.nightshift.build;

import java.nio.file.Path;
import java.util.List;

/**
 * How is an agent's failure told in one line? The report's "Needs you", a blocked spec's .why.md
 * and wip.md get its first line and its last (where an error usually is), at most about 200
 * characters, and the path of the run's log for the rest: an agent's whole output, unindented,
 * would drown them.
 */
final class FailureDetail {

    static final int MAX_CHARS = 200;

    private FailureDetail() {
    }

    /**
     * @param summary what the agent's run said (its kind's summary), any number of lines
     * @param log     the run's log file
     * @param home    the home folder the log path is shown from
     */
    static String of(String summary, Path log, Path home) {
        List<String> lines = summary == null ? List.of()
                : summary.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String text = lines.isEmpty() ? "said nothing"
                : lines.size() == 1 ? lines.get(0) : lines.get(0) + " … " + lines.get(lines.size() - 1);
        if (text.length() > MAX_CHARS) {
            text = text.substring(0, MAX_CHARS - 1).strip() + "…";
        }
        return text + "; see " + home.toAbsolutePath().relativize(log.toAbsolutePath()) + " for the rest";
    }
}
