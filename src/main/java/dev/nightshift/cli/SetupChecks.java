package dev.nightshift.cli;

import dev.nightshift.agent.AgentCommand;
import dev.nightshift.agent.CommandWords;
import dev.nightshift.config.ConfigException;
import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.SandboxMode;
import dev.nightshift.config.SettingsFiles;
import dev.nightshift.config.SmtpSettings;
import dev.nightshift.exec.Bubblewrap;
import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessResult;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.exec.ProcessSpec;
import dev.nightshift.exec.RunningProcesses;
import dev.nightshift.git.Git;
import dev.nightshift.io.RootCause;
import dev.nightshift.report.SmtpSender;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.spec.FileProblem;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Is this home ready for a batch? Each check names what it looked at and, when it fails, what to
 * do. The local checks are fast enough for {@code status}; {@code doctor} adds those that reach
 * out: git itself, the SMTP server, each project's repository and base branch.
 */
final class SetupChecks {

    private static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(20);

    private final Home home;

    SetupChecks(Home home) {
        this.home = home;
    }

    /**
     * nightshift.yml as read, with its check; when it is not valid, the defaults stand in for it,
     * and the checks that depend on it say they were not made.
     *
     * @param fromFile whether a nightshift.yml exists (else every value is a default)
     */
    record Settings(NightshiftSettings settings, Check check, boolean fromFile) {
        boolean valid() {
            return check.ok();
        }
    }

    static final String INVALID = "not checked: nightshift.yml is invalid";

    Settings settings() {
        boolean exists = Files.exists(home.settingsFile());
        try {
            return new Settings(SettingsFiles.readGlobal(home),
                    Check.ok("nightshift.yml", exists ? "valid" : "absent: every default applies"), exists);
        } catch (ConfigException e) {
            return new Settings(NightshiftSettings.defaults(), Check.fail("nightshift.yml", relative(e.getMessage()),
                    "fix that line; until then every batch stops at once with exit code 2"), exists);
        }
    }

    /** The checks that read only local files: the agent binaries, the owner's files, each project's settings. */
    List<Check> local(Settings settings, Workspace workspace) {
        List<Check> checks = new ArrayList<>(agents(settings));
        checks.addAll(files(workspace));
        workspace.projects().forEach(p -> checks.addAll(project(p)));
        return checks;
    }

    /** The agent binaries of nightshift.yml; the defaults are judged only when there is no file to fix. */
    List<Check> agents(Settings settings) {
        if (!settings.valid()) {
            return List.of(Check.skipped("agent", INVALID));
        }
        List<Check> checks = new ArrayList<>();
        checks.add(binary("agent", settings.settings().agent().command(), "agent.command", settings.fromFile()));
        checks.add(sandbox(settings.settings().agent().sandbox()));
        if (settings.settings().supervisorAgent() != null) {
            checks.add(binary("supervisor agent", settings.settings().supervisorAgent(), "supervisor-agent", true));
        }
        return checks;
    }

    /** Names in wip-specs that are not allowed, or no project at all. */
    List<Check> files(Workspace workspace) {
        List<Check> checks = new ArrayList<>();
        for (FileProblem problem : workspace.problems()) {
            checks.add(Check.fail(relative(problem.file().toString()), problem.message(), "rename or fix it"));
        }
        if (workspace.projects().isEmpty()) {
            checks.add(Check.fail("wip-specs", "no project yet", "create wip-specs/<project>/project.yml (see wip-specs/README.md)"));
        }
        return checks;
    }

    /** A project's settings, its spec files, and a repository given as a local path. */
    List<Check> project(ProjectQueue project) {
        List<Check> checks = new ArrayList<>();
        String settingsFile = "wip-specs/" + project.name() + "/project.yml";
        if (!project.usable()) {
            ConfigException e = project.settingsError();
            checks.add(Check.fail(project.name(), settingsFile + (e.line() > 0 ? ":" + e.line() : "") + ": "
                    + (e.key() != null && !e.key().isEmpty() ? e.key() + ": " : "") + e.problem(),
                    "fix " + settingsFile + "; the project is skipped until then"));
        } else {
            checks.add(Check.ok(project.name(), settingsFile + " valid"));
            missingRepository(project).ifPresent(checks::add);
        }
        for (FileProblem problem : project.problems()) {
            if (!problem.file().getFileName().toString().equals("project.yml")) {
                checks.add(Check.fail(project.name(), relative(problem.toString()), "fix or rename that file"));
            }
        }
        return checks;
    }

    /** A repository given as a local path must exist; a URL is checked by {@link #remote}. */
    private Optional<Check> missingRepository(ProjectQueue project) {
        Path path = Path.of(repository(project));
        if (isUrl(project.settings().repo()) || Files.isDirectory(path)) {
            return Optional.empty();
        }
        return Optional.of(Check.fail(project.name() + " repository", path + " does not exist",
                "set repo in wip-specs/" + project.name() + "/project.yml to the repository's URL or path "
                        + "(a relative path is read from the home)"));
    }

    /** The repository as git is given it: a URL as written, a path read from the home (as the clones read it). */
    String repository(ProjectQueue project) {
        String repo = project.settings().repo();
        return isUrl(repo) ? repo : home.root().resolve(repo).normalize().toString();
    }

    private static boolean isUrl(String repo) {
        return repo.contains("://") || repo.matches("^[\\w.-]+@[\\w.-]+:.*");
    }

    /**
     * The first word of a command line must name an executable: on PATH, or as a path.
     *
     * @param written whether nightshift.yml holds the command; else it is the default, and there is no file to fix
     */
    Check binary(String subject, String commandLine, String key, boolean written) {
        List<String> words;
        try {
            words = CommandWords.split(commandLine);
        } catch (IllegalArgumentException e) {
            return Check.fail(subject, key + " \"" + commandLine + "\" cannot be read: " + e.getMessage(), "fix " + key + " in nightshift.yml");
        }
        if (words.isEmpty()) {
            return Check.fail(subject, key + " is empty", "set " + key + " in nightshift.yml");
        }
        String program = words.get(0);
        String missing = program.contains("/") ? "is not an executable file" : "is not on PATH";
        String byDefault = "the default " + key + " (no nightshift.yml)";
        Optional<Path> found = findExecutable(program);
        Optional<String> homeRelative = words.subList(1, words.size()).stream()
                .filter(w -> w.contains("/") && !w.startsWith("-") && !Path.of(w).isAbsolute())
                .filter(w -> Files.exists(home.root().resolve(w))).findFirst();
        if (found.isPresent() && written && homeRelative.isPresent()) {
            // The trial's `bash agents/run.sh`: bash is found, the script is not where the agent runs.
            return Check.fail(subject, "\"" + homeRelative.get() + "\" in " + key + " is a path relative to the home,"
                    + " but the agent runs in the spec's worktree, where it is not read from the home",
                    "give its absolute path: " + home.root().resolve(homeRelative.get()).normalize());
        }
        if (found.isPresent()) {
            return Check.ok(subject, program + " found at " + found.get() + (written ? "" : ": " + byDefault));
        }
        return written
                ? Check.fail(subject, "\"" + program + "\" (" + key + " in nightshift.yml) " + missing,
                        "install it, or set " + key + " to the program's full path")
                : Check.fail(subject, "\"" + program + "\", " + byDefault + ", " + missing,
                        "install it, or write a nightshift.yml that sets " + key + " to the agent's command line");
    }

    /** bubblewrap, which the agent and the test commands run in unless the owner chose to run them unconfined. */
    static Check sandbox(SandboxMode mode) {
        if (mode == SandboxMode.NONE) {
            return Check.ok("agent sandbox", "none (agent.sandbox in nightshift.yml): the agent and the test commands run"
                    + " unconfined, and every report says so");
        }
        return Bubblewrap.find(System.getenv("PATH"))
                .map(bwrap -> Check.ok("agent sandbox", "bubblewrap at " + bwrap))
                .orElseGet(() -> Check.fail("agent sandbox", Bubblewrap.missing(), Bubblewrap.INSTALL));
    }

    Optional<Path> findExecutable(String program) {
        return AgentCommand.find(program, home.root(), System.getenv("PATH"));
    }

    /** git itself, through the process runner like every other command. */
    Check git(ProcessRunner runner) {
        ProcessResult result = run(runner, "git", Git.command(List.of("--version")));
        return result.succeeded() ? Check.ok("git", result.stdout().strip())
                : Check.fail("git", "git --version failed (" + describe(result) + ")", "install git and put it on PATH");
    }

    /** Can the SMTP server be reached (and logged in to, when a user is set)? */
    Check smtp(Settings checked, ProcessEnvironment environment) {
        if (!checked.valid()) {
            return Check.skipped("mail", INVALID);
        }
        NightshiftSettings settings = checked.settings();
        SmtpSettings smtp = settings.mail().smtp();
        if (smtp == null) {
            return Check.ok("mail", "no mail.smtp: each report waits in reports/outbox/ (set mail.smtp to send)");
        }
        if (settings.mail().to().isEmpty()) {
            return Check.fail("mail", "mail.to names no recipient", "add your address to mail.to in nightshift.yml");
        }
        JavaMailSenderImpl sender = SmtpSender.of(smtp, environment, NETWORK_TIMEOUT);
        try {
            sender.testConnection();
            return Check.ok("mail", "SMTP " + smtp.host() + ":" + smtp.port() + " answers");
        } catch (jakarta.mail.MessagingException e) {
            return Check.fail("mail", "SMTP " + smtp.host() + ":" + smtp.port() + " cannot be reached: " + RootCause.message(e),
                    "check mail.smtp in nightshift.yml" + (smtp.username() != null ? " and $" + smtp.passwordEnv() : "")
                            + "; until then reports wait in reports/outbox/");
        }
    }

    /** Does the repository answer, and has it the base branch? */
    Check remote(ProcessRunner runner, ProjectQueue project, String url) {
        String base = project.settings().base();
        ProcessResult result = run(runner, "git ls-remote", Git.command(List.of("ls-remote", "--heads", url, base)));
        String subject = project.name() + " repository";
        if (!result.succeeded()) {
            return Check.fail(subject, url + " cannot be reached: " + gitReason(result.tail(), describe(result)),
                    "check repo in wip-specs/" + project.name() + "/project.yml and your access to it (ssh key, token)");
        }
        if (result.stdout().isBlank()) {
            return Check.fail(subject, url + " has no branch " + base,
                    "set base in wip-specs/" + project.name() + "/project.yml to an existing branch");
        }
        return Check.ok(subject, url + " has " + base);
    }

    private ProcessResult run(ProcessRunner runner, String label, List<String> command) {
        Path log;
        try {
            log = Files.createTempFile("nightshift-doctor", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Map<String, String> env = ProcessEnvironment.ofSystem(Set.of()).forGit(Git.isolation());
            return runner.run(ProcessSpec.of(label, command, home.root(), env, NETWORK_TIMEOUT, log).capturingStdout());
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a temporary file; the system cleans it
            }
        }
    }

    static ProcessRunner runner() {
        return new ProcessRunner(new RunningProcesses(), new ProcessDeadline(), SecretMasker.none());
    }

    private String relative(String text) {
        return text.replace(home.root() + "/", "");
    }

    /**
     * Why git could not reach a remote: its first line of output ("ssh: Could not resolve hostname
     * ...", "fatal: '...' does not appear to be a git repository"), not the last, which for ssh is
     * the tail of git's generic advice ("and the repository exists.").
     */
    static String gitReason(String log, String otherwise) {
        return log.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("$ ") && !l.startsWith("nightshift: "))
                .findFirst().orElse(otherwise);
    }

    private static String describe(ProcessResult result) {
        return result.timedOut() ? "timed out after " + NETWORK_TIMEOUT.toSeconds() + "s"
                : result.exitCode() == -1 ? "could not be started" : "exit " + result.exitCode();
    }

}
