package dev.nightshift.cli;

import dev.nightshift.agent.Budget;
import dev.nightshift.batch.BatchLock;
import dev.nightshift.config.Durations;
import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.SettingsFiles;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.spec.FileProblem;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.spec.Workspace;
import dev.nightshift.spec.WorkspaceReader;
import dev.nightshift.store.AgentRunRepository;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.Database;
import dev.nightshift.store.PullRequestRepository;
import dev.nightshift.store.Records;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nightshift status}: the queue per project, the last batches, open pull requests, the
 * budget and the lock. Reads the files and the database directly, without the Spring context.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the queue per project, the last batches, open PRs, the budget and the lock.")
class StatusCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    @ParentCommand
    NightshiftCommand parent;

    @Override
    public Integer call() {
        Home home = parent.home();
        NightshiftSettings settings = SettingsFiles.readGlobal(home);
        PrintStream out = System.out;
        Workspace workspace = WorkspaceReader.read(home);
        out.println("nightshift status · " + home.root());
        out.println("lock: " + (BatchLock.isHeld(home.lockFile()) ? "held by " + BatchLock.holder(home.lockFile()) : "free")
                + (workspace.paused() ? "   PAUSED (wip-specs/PAUSE)" : ""));
        out.println();
        out.printf("%-28s %5s %6s %5s %7s%n", "QUEUE", "next", "active", "done", "blocked");
        for (ProjectQueue p : workspace.projects()) {
            out.printf("%-28s %5d %6d %5d %7d%s%n", clip(p.name(), 28), p.in(SpecFolder.NEXT).size(),
                    p.in(SpecFolder.ACTIVE).size(), p.in(SpecFolder.DONE).size(), p.in(SpecFolder.BLOCKED).size(),
                    p.usable() ? "" : "  (project.yml invalid)");
        }
        if (workspace.projects().isEmpty()) {
            out.println("  no project yet: add wip-specs/<project>/project.yml");
        }
        for (FileProblem problem : workspace.allProblems()) {
            out.println("  ! " + clip(home.root().relativize(problem.file().toAbsolutePath()) + (problem.line() > 0 ? ":" + problem.line() : "")
                    + ": " + problem.message(), 76));
        }
        out.println();
        if (!Database.exists(home)) {
            out.println("no batch has run yet in this home");
            return 0;
        }
        try (Database.Session session = Database.session(home)) {
            return showDatabase(out, session.jdbc(), settings);
        }
    }

    /** The last batches, open pull requests and the budget, from one open database. */
    private int showDatabase(PrintStream out, JdbcClient jdbc, NightshiftSettings settings) {
        SecretMasker masker = SecretMasker.none();
        BatchRepository batches = new BatchRepository(jdbc, masker);
        BuildRepository builds = new BuildRepository(jdbc, masker);
        PullRequestRepository pullRequests = new PullRequestRepository(jdbc, masker);
        Clock clock = Clock.systemDefaultZone();
        ZoneId zone = clock.getZone();
        out.println("LAST BATCHES");
        for (Records.Batch b : batches.latest(5)) {
            long built = builds.results(b.id()).stream().filter(r -> r.outcome().succeeded()).count();
            long failed = builds.results(b.id()).stream().filter(r -> r.outcome().failed()).count();
            String took = b.endedAt() == null ? "running" : Durations.format(Duration.between(b.startedAt(), b.endedAt()));
            out.printf("  %-16s %-11s %-9s %2d ok %2d failed%s%n", b.id(), b.status().name().toLowerCase(java.util.Locale.ROOT),
                    took, built, failed, b.dryRun() ? "  (dry run)" : "");
        }
        out.println();
        out.println("OPEN PULL REQUESTS");
        var open = pullRequests.open();
        if (open.isEmpty()) {
            out.println("  none");
        }
        for (Records.PullRequest pr : open) {
            out.println("  " + clip(pr.project() + " #" + pr.number() + "  " + pr.spec() + "  " + pr.url()
                    + "  since " + WHEN.format(pr.createdAt().atZone(zone)), 76));
        }
        out.println();
        Budget.State spend = new Budget(new AgentRunRepository(jdbc, masker), settings, clock).now();
        out.println("BUDGET: " + spend.describe() + (spend.allowsRun() ? "" : "  STOPPED"));
        return 0;
    }

    static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
