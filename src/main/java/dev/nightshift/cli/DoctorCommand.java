package dev.nightshift.cli;

import dev.nightshift.config.Home;
import dev.nightshift.config.SandboxChoice;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.Workspace;
import dev.nightshift.spec.WorkspaceReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nightshift doctor}: checks the setup, one line per check, OK or the problem and what to
 * do: nightshift.yml, its schedule against timeouts.batch, git, the agent binaries, SMTP, each
 * project's settings, its repository and base branch, and (unless {@code --quick}) the project's
 * {@code test} on the head of base: its count and how it was read, or what to fix. Exit code 1
 * when a check fails.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check the setup: nightshift.yml and its schedule, git, the agent binary, SMTP, each project's "
                + "project.yml, repository and base branch, and run each project's test on its base to show the count"
                + " (--quick skips that). One line per check; exit code 1 when one fails.",
        footer = {"", "Exit codes: 0 every check passed; 1 a check failed; 2 bad usage."})
class DoctorCommand implements Callable<Integer> {

    @ParentCommand
    NightshiftCommand parent;

    @Option(names = "--quick", description = "Skip running each project's test on its base.")
    boolean quick;

    @Override
    public Integer call() {
        Home home = parent.home();
        SetupChecks checks = new SetupChecks(home);
        ProcessRunner runner = SetupChecks.runner();
        SetupChecks.Settings settings = checks.settings();
        Workspace workspace = WorkspaceReader.read(home);
        Set<String> secrets = settings.settings().mail().smtp() != null
                ? Set.of(settings.settings().mail().smtp().passwordEnv()) : Set.of();

        List<Check> all = new ArrayList<>();
        all.add(settings.check());
        all.add(ScheduleCheck.check(settings, Instant.now()));
        all.add(checks.git(runner));
        if (settings.check().ok() && settings.settings().database().shared()) {
            all.add(DatabaseCheck.check(home, settings.settings()));
        }
        all.addAll(checks.agents(settings));
        BudgetCheck.check(settings).ifPresent(all::add);
        all.add(checks.smtp(settings, ProcessEnvironment.ofSystem(secrets)));
        all.addAll(checks.files(workspace));
        for (ProjectQueue project : workspace.projects()) {
            List<Check> own = checks.project(project);
            all.addAll(own);
            // A missing local repository is named already; asking git about it again adds nothing.
            if (project.usable() && own.stream().noneMatch(c -> c.subject().equals(project.name() + " repository"))) {
                Check remote = checks.remote(runner, project, checks.repository(project));
                all.add(remote);
                if (!quick && remote.verdict() == Check.Verdict.OK) {
                    // The same confinement as the batch's test runs, so what doctor counts is what the gate will.
                    all.add(new BaseTestCheck(settings.settings(), runner,
                            SandboxChoice.of(home, settings.settings(), ProcessEnvironment.ofSystem(Set.of())))
                            .check(project, checks.repository(project)));
                }
            }
        }
        all.forEach(c -> System.out.println(c.line()));
        long failed = all.stream().filter(c -> !c.ok()).count();
        System.out.println();
        long warned = all.stream().filter(c -> c.verdict() == Check.Verdict.WARN).count();
        System.out.println((failed == 0 ? "all " + all.size() + " checks passed"
                : failed + " of " + all.size() + " checks failed: see what to do after each ->")
                + (warned > 0 ? " (" + warned + " warning" + (warned > 1 ? "s" : "") + ")" : ""));
        return failed == 0 ? 0 : 1;
    }

}
