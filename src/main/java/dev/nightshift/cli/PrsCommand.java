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
@Command(name = "prs", mixinStandardHelpOptions = true,
        description = "List the pull requests nightshift opened, with their state: the open ones, then the "
                + "latest merged or closed.")
class PrsCommand implements Callable<Integer> {

    static final int FINISHED_SHOWN = 20;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @ParentCommand
    NightshiftCommand parent;

    @Option(names = "--project", paramLabel = "P", description = "Only this project's pull requests.")
    String project;

    @Option(names = "--all", description = "Every merged and closed pull request, not only the latest "
            + FINISHED_SHOWN + ".")
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
            out.printf("%-16s %5s  %-7s %-28s %s%n", TerminalText.clip(pr.project(), 16), "#" + pr.number(),
                    pr.state().name().toLowerCase(Locale.ROOT), TerminalText.clip(pr.spec(), 28),
                    WHEN.format(pr.createdAt().atZone(zone)));
            out.println(TerminalText.clip("    " + (pr.url().startsWith("local:")
                    ? "local, branch " + pr.branch() + " (merged once it is in base on the remote)" : pr.url()),
                    TerminalText.WIDTH));
        }
        return 0;
    }
}
