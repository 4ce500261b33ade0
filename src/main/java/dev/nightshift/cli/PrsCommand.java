package dev.nightshift.cli;

import dev.nightshift.config.Home;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.Database;
import dev.nightshift.store.HistoryRepository;
import dev.nightshift.store.PullRequestRepository;
import dev.nightshift.store.Records.PullRequest;
import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nightshift prs}: the pull requests nightshift opened, with their state: every open one,
 * then the most recently merged or closed. Reads the database without the Spring context.
 */
@Command(name = "prs", mixinStandardHelpOptions = true, subcommands = {PrsShowCommand.class},
        description = "List the pull requests nightshift opened, with their state: the open ones, then the "
                + "latest merged or closed. `prs show SPEC` shows one: body, commits, diff against base.")
class PrsCommand implements Callable<Integer> {

    static final int FINISHED_SHOWN = 20;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @ParentCommand
    NightshiftCommand parent;

    @Option(names = "--project", paramLabel = "P", description = "Only this project's pull requests.")
    String project;

    @Option(names = "--all", description = "Every merged and closed pull request, not only the latest "
            + FINISHED_SHOWN + ", each on full lines (not fitted to 80 columns).")
    boolean all;

    @Override
    public Integer call() {
        Home home = parent.home();
        PrintStream out = System.out;
        if (!Database.exists(home)) {
            out.println("no pull request yet: no batch has run in this home");
            return 0;
        }
        List<PullRequest> shown;
        try (Database.Held db = Database.hold(home)) {
            JdbcClient jdbc = db.jdbc();
            shown = new ArrayList<>(new PullRequestRepository(jdbc, SecretMasker.none()).open());
            shown.addAll(new HistoryRepository(jdbc).finishedPullRequests(all ? Integer.MAX_VALUE : FINISHED_SHOWN));
        }
        shown.removeIf(pr -> project != null && !pr.project().equals(project));
        if (shown.isEmpty()) {
            out.println("no pull request" + (project != null ? " for " + project : "") + " yet");
            return 0;
        }
        ZoneId zone = ZoneId.systemDefault();
        out.printf("%-16s %5s  %-7s %-28s %s%n", "PROJECT", "PR", "STATE", "SPEC", "OPENED");
        for (PullRequest pr : shown) {
            lines(pr, zone, all).forEach(out::println);
        }
        return 0;
    }

    /**
     * One pull request: its row, then where it is. Within 80 columns the text wraps at spaces, so no
     * sentence is cut; with {@code full} (as for {@code --all}, often piped to a file or grep) every
     * name and sentence stays whole on its line.
     */
    static List<String> lines(PullRequest pr, ZoneId zone, boolean full) {
        String state = pr.state().name().toLowerCase(Locale.ROOT);
        String opened = WHEN.format(pr.createdAt().atZone(zone));
        String where = pr.url().startsWith("local:")
                ? "local, branch " + pr.branch() + " (merged once it is in base on the remote)" : pr.url();
        if (full) {
            return List.of(String.format("%-16s %5s  %-7s %-28s %s", pr.project(), "#" + pr.number(), state, pr.spec(), opened),
                    "    " + where);
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-16s %5s  %-7s %-28s %s", TerminalText.clip(pr.project(), 16), "#" + pr.number(), state,
                TerminalText.clip(pr.spec(), 28), opened));
        lines.addAll(TerminalText.wrap("    ", where));
        return lines;
    }
}
