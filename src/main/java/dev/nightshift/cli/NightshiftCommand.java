package dev.nightshift.cli;

import dev.nightshift.batch.BatchResult;
import dev.nightshift.config.ConfigException;
import dev.nightshift.config.Home;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code nightshift} command and the options every subcommand shares. */
@Command(name = "nightshift", mixinStandardHelpOptions = true, version = "nightshift 0.1.0",
        description = "Lets an AI coding agent work through a queue of written specs while you sleep.",
        footer = {"", "Exit codes: 0 the batch ran and nothing failed; 1 something failed or timed out;",
                "2 bad configuration or usage; 3 another batch holds the lock."},
        subcommands = {RunCommand.class, DaemonCommand.class, StatusCommand.class, DoctorCommand.class,
                PrsCommand.class, ReportCommand.class, SpecCommand.class, PauseCommand.class, ResumeCommand.class,
                DemoCommand.class, WorkerCommand.class,
                CommandLine.HelpCommand.class})
public class NightshiftCommand implements Runnable {

    @Option(names = "--home", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = {"The nightshift home (default: $NIGHTSHIFT_HOME, else the current directory). "
                    + "Through scripts/nightshift the default is its checkout: the launcher sets NIGHTSHIFT_HOME to it"
                    + " unless you did."})
    Path home;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. nightshift run");
    }

    Home home() {
        return chosenHome(home, System.getenv());
    }

    /**
     * The home named by {@code --home}, else {@code NIGHTSHIFT_HOME}, else the current directory.
     * It must exist: a typo in a crontab's path would otherwise make a new, empty home that has
     * nothing to do, successfully, at every fire.
     */
    static Home chosenHome(Path option, Map<String, String> environment) {
        String fromEnvironment = environment.get("NIGHTSHIFT_HOME");
        Home chosen = new Home(option != null ? option
                : Path.of(fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : "."));
        if (!Files.isDirectory(chosen.root())) {
            throw new UsageProblem("no home at " + chosen.root() + " (--home / NIGHTSHIFT_HOME names "
                    + (Files.exists(chosen.root()) ? "a file, not a folder)" : "a folder that does not exist)"));
        }
        return chosen;
    }

    /**
     * Runs the command line and returns the exit code: 0 ran and nothing failed, 1 something
     * failed or timed out, 2 bad configuration or usage, 3 another batch holds the lock.
     */
    public static int execute(String... args) {
        Optional<Callable<Integer>> plain = PlainCommandLine.of(args);
        if (plain.isPresent()) {
            try {
                Integer exit = plain.get().call();
                return exit == null ? BatchResult.OK : exit;
            } catch (Exception e) {
                return failed(e, new PrintWriter(System.err, true));
            }
        }
        CommandLine commandLine = new CommandLine(new NightshiftCommand());
        // "--home DIR", as the README and the help write it; "--home=DIR" is read as well.
        commandLine.setSeparator(" ");
        // A home folder may be named like a command ("--home demo", the folder the demo makes):
        // after --home it is the folder, as `run` and `status` already read it.
        commandLine.setAllowSubcommandsAsOptionParameters(true);
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> failed(e, cl.getErr()));
        return commandLine.execute(args);
    }

    /** A command that threw: bad configuration or usage is said in one line (exit 2), anything else with its trace (exit 1). */
    private static int failed(Exception e, PrintWriter err) {
        err.println("nightshift: " + e.getMessage());
        if (e instanceof ConfigException || e instanceof UsageProblem) {
            err.flush();
            return BatchResult.BAD_CONFIGURATION;
        }
        e.printStackTrace(err);
        err.flush();
        return BatchResult.SOMETHING_FAILED;
    }
}
