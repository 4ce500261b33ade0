package dev.nightshift.cli;

import dev.nightshift.batch.BatchLock;
import dev.nightshift.config.Durations;
import dev.nightshift.config.Home;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.spec.Workspace;
import dev.nightshift.spec.WorkspaceReader;
import dev.nightshift.store.AgentRunRepository;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.BatchStatus;
import dev.nightshift.store.Budget;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.Database;
import dev.nightshift.store.EarlyConnection;
import dev.nightshift.store.HistoryRepository;
import dev.nightshift.store.PullRequestRepository;
import dev.nightshift.store.Records;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nightshift status}: the queue per project, what is wrong with the setup and what to do,
 * the last batches, open pull requests, the budget and the lock. Reads the files and the database
 * directly, without the Spring context; every query is bounded, so a year of history reads as fast
 * as a day. Fits an 80-column terminal.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the queue per project, problems with what to do, the last batches, open PRs, the budget "
                + "and the lock.")
class StatusCommand implements Callable<Integer> {

    static final int LAST_BATCHES = 5;
    static final int OPEN_PRS_SHOWN = 15;
    static final int BLOCKED_SHOWN = 10;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    /** What a lock holder writes (BatchLock, BatchLauncher, QuickBatch): the batch when it has one, the pid, the start. */
    private static final Pattern HOLDER =
            Pattern.compile("(?:batch (\\d{8}-\\d{6}), )?pid (\\d+), since \\d{4}-\\d{2}-\\d{2}T(\\d{2}:\\d{2})");

    private static final Executor ASIDE = new DaemonThreads("nightshift-status");

    @ParentCommand
    NightshiftCommand parent;

    @Override
    public Integer call() {
        Home home = parent.home();
        Database.leaveCompactionToBatches();
        // What takes a while is done side by side: the queue (thousands of specs), the database's
        // opening and the crontab (a process) are read while the settings are.
        // Each on a thread of its own: the queue's reader spreads its projects over the shared pool,
        // which on two cores has one thread; started from that thread it would read alone.
        reading = CompletableFuture.supplyAsync(() -> WorkspaceReader.read(home), ASIDE);
        crontab = CompletableFuture.supplyAsync(() -> ScheduleDriver.crontab(ScheduleDriver.CRONTAB), ASIDE);
        try (EarlyConnection early = EarlyConnection.start(home)) {
            if (!Database.exists(home)) {
                return show(home, null);
            }
            try (Database.Held db = Database.hold(home, early)) {
                return show(home, db.jdbc());
            }
        }
    }

    private CompletableFuture<Workspace> reading;
    private CompletableFuture<String> crontab;

    /** @param jdbc the database, or {@code null} when no batch has run yet */
    private int show(Home home, JdbcClient jdbc) {
        PrintStream out = System.out;
        SetupChecks checks = new SetupChecks(home);
        SetupChecks.Settings settings = checks.settings();
        Workspace workspace;
        try {
            workspace = reading.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
        out.println(TerminalText.clip("nightshift status · " + home.root(), TerminalText.WIDTH));
        boolean held = BatchLock.isHeld(home);
        String holder = held ? BatchLock.holder(home) : null;
        out.println("lock: " + (held ? heldBy(holder) : "free"));
        if (workspace.paused()) {
            String reason = PauseCommand.reason(home.pauseFile());
            TerminalText.wrap("PAUSED: ", (reason.isEmpty() ? "no reason given" : reason)
                    + " (wip-specs/PAUSE; `nightshift resume` goes on)").forEach(out::println);
        }
        ScheduleDriver.lines(ScheduleDriver.find(home, settings.valid() ? settings.settings().schedule().expression() : null,
                crontab::join, java.time.Instant.now()), java.time.ZoneId.systemDefault())
                .forEach(out::println);
        Map<String, Records.BuildResult> setup = jdbc == null ? Map.of() : setupFailures(jdbc, workspace);
        out.println();
        out.printf("%-40s %5s %6s %5s %7s%n", "QUEUE", "next", "active", "done", "blocked");
        for (ProjectQueue p : workspace.projects()) {
            String mark = !p.usable() ? " (skipped)" : setup.containsKey(p.name()) ? " (setup problem)" : "";
            out.printf("%-40s %5d %6d %5d %7d%n", TerminalText.clip(p.name() + mark, 40),
                    p.in(SpecFolder.NEXT).size(), p.in(SpecFolder.ACTIVE).size(), p.in(SpecFolder.DONE).size(),
                    p.in(SpecFolder.BLOCKED).size());
        }
        blocked(workspace, out);
        List<Check> problems = new java.util.ArrayList<>();
        if (!settings.check().ok()) {
            problems.add(settings.check());
        }
        checks.local(settings, workspace).stream().filter(c -> !c.ok()).forEach(problems::add);
        setup.values().forEach(r -> problems.add(Check.fail(r.project(), "batch " + r.batchId() + ", " + r.spec()
                + ": " + r.detail(), "fix what it names; it does not count against the spec, which keeps its"
                + " place, and the next batch tries again")));
        if (!problems.isEmpty()) {
            out.println();
            out.println("PROBLEMS (`nightshift doctor` checks more)");
            for (Check problem : problems) {
                TerminalText.wrap("  ! ", problem.said()).forEach(out::println);
                TerminalText.wrap("    ", "what to do: " + problem.fix()).forEach(out::println);
            }
        }
        out.println();
        if (jdbc == null) {
            out.println("no batch has run yet in this home");
            return 0;
        }
        history(jdbc, settings, new LiveBatch(held, holder), out);
        OutboxStatus.print(jdbc, settings.settings().mail(), out);
        ClusterNodes.print(home, jdbc, out);
        return 0;
    }

    /** The blocked specs with the reason nightshift wrote beside each: what the owner decides on. */
    private static void blocked(Workspace workspace, PrintStream out) {
        List<String> lines = new java.util.ArrayList<>();
        for (ProjectQueue p : workspace.projects()) {
            for (dev.nightshift.spec.Spec spec : p.in(SpecFolder.BLOCKED)) {
                lines.add(p.name() + "/" + spec.name() + ": " + dev.nightshift.spec.SpecMover.reasonOf(spec)
                        .map(r -> r.replaceAll("\\s+", " ")).orElse("no reason written (moved there by hand)"));
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        out.println();
        out.println("BLOCKED (a human decides; move a spec back to next/ to try again)");
        lines.stream().limit(BLOCKED_SHOWN).forEach(line -> TerminalText.wrap("  ", line).forEach(out::println));
        if (lines.size() > BLOCKED_SHOWN) {
            out.println("  … and " + (lines.size() - BLOCKED_SHOWN) + " more: see wip-specs/*/blocked/*.why.md");
        }
    }

    /**
     * The projects whose build in the latest batch failed for nightshift's or the setup's sake (a test command
     * that fails on base, an agent command that cannot start its program), with that result: the
     * report names them too, but the owner fixing the setup looks here.
     */
    private static Map<String, Records.BuildResult> setupFailures(JdbcClient jdbc, Workspace workspace) {
        // Read from the latest batch that ran its phases, by its key: a setup problem recurs in every
        // batch until fixed, and one bounded query keeps status quick with hundreds of projects.
        Map<String, Records.BuildResult> failures = new java.util.TreeMap<>();
        java.util.Set<String> here = workspace.projects().stream().map(ProjectQueue::name)
                .collect(java.util.stream.Collectors.toSet());
        for (Records.Batch batch : new BatchRepository(jdbc, SecretMasker.none()).latestWorking(1)) {
            new BuildRepository(jdbc, SecretMasker.none()).results(batch.id()).stream()
                    .filter(r -> r.outcome().setupProblem() && r.detail() != null && here.contains(r.project()))
                    .forEach(r -> failures.put(r.project(), r));
        }
        return failures;
    }

    /**
     * "held by batch 20260113-140000 (pid 4242) since 14:00": short enough for the line, from
     * what the holder wrote ("running batch ID, pid N, since 2026-01-13T14:00:05").
     */
    static String heldBy(String holder) {
        Matcher m = HOLDER.matcher(holder);
        if (!m.find()) {
            return TerminalText.clip("held by " + holder, TerminalText.WIDTH - "lock: ".length());
        }
        String pid = m.group(2);
        String since = m.group(3);
        // A cluster's holder names its node first ("build-1: running batch ...").
        Matcher node = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._-]*): ").matcher(holder);
        return "held by " + (m.group(1) != null ? "batch " + m.group(1) + " (pid " + pid + ")" : "pid " + pid)
                + (node.find() ? " on node " + node.group(1) : "") + " since " + since;
    }

    /**
     * Is a batch the database shows unended still running? Only while the lock is held by it (or by a
     * holder that names no batch); with the lock free, or held by another batch, it died, and the next
     * batch recovers it.
     */
    record LiveBatch(boolean lockHeld, String holder) {
        boolean running(String batchId) {
            if (!lockHeld) {
                return false;
            }
            Matcher m = HOLDER.matcher(holder == null ? "" : holder);
            return !m.find() || m.group(1) == null || m.group(1).equals(batchId);
        }
    }

    private static void history(JdbcClient jdbc, SetupChecks.Settings settings, LiveBatch live, PrintStream out) {
        SecretMasker masker = SecretMasker.none();
        Clock clock = Clock.systemDefaultZone();
        List<Records.Batch> last = new BatchRepository(jdbc, masker).latest(LAST_BATCHES);
        Map<String, HistoryRepository.Tally> tallies = new HistoryRepository(jdbc).tallies(last.stream().map(Records.Batch::id).toList());
        out.println("LAST BATCHES");
        if (last.isEmpty()) {
            out.println("  none yet");
        }
        for (Records.Batch b : last) {
            HistoryRepository.Tally t = tallies.get(b.id());
            boolean died = b.endedAt() == null && !live.running(b.id());
            String took = b.endedAt() != null ? Durations.format(Duration.between(b.startedAt(), b.endedAt()))
                    : died ? "-" : "running";
            // A recovered batch that died is "died" too: its empty tally must not read as a batch that built nothing.
            String status = died || b.status() == BatchStatus.CRASHED ? "died" : b.status().name().toLowerCase(Locale.ROOT);
            out.printf("  %-16s %-10s %-8s %3d ok %3d failed%s%s%n", b.id(), status, took, t.succeeded(), t.failed(),
                    b.dryRun() ? "  dry run" : "", died ? "  next run recovers it" : "");
        }
        out.println();
        List<Records.PullRequest> open = new PullRequestRepository(jdbc, masker).open();
        out.println("OPEN PULL REQUESTS" + (open.isEmpty() ? ": none" : " (" + open.size() + ")"));
        for (Records.PullRequest pr : open.subList(0, Math.min(OPEN_PRS_SHOWN, open.size()))) {
            out.println(TerminalText.clip("  " + pr.project() + " #" + pr.number() + "  " + pr.spec() + "  since "
                    + WHEN.format(pr.createdAt().atZone(clock.getZone())), TerminalText.WIDTH));
            out.println(TerminalText.clip("    " + (pr.url().startsWith("local:") ? "local, branch " + pr.branch() : pr.url()),
                    TerminalText.WIDTH));
        }
        if (open.size() > OPEN_PRS_SHOWN) {
            out.println("  … and " + (open.size() - OPEN_PRS_SHOWN) + " more: nightshift prs");
        }
        out.println();
        Budget.State spend = new Budget(new AgentRunRepository(jdbc, masker), settings.settings(), clock).now();
        String budget = !Budget.sees(settings.settings().agent().kind())
                ? Budget.COST_UNKNOWN + " (agent.kind generic reports no cost)"
                : spend.describe() + (spend.allowsRun() ? "" : "; STOPPED: no agent run until it resets");
        TerminalText.wrap("BUDGET: ", budget).forEach(out::println);
    }
}
