package dev.nightshift.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Is this one of the command lines a crontab or the owner types most, so plain that it can run
 * without building the full command-line model? {@code run} (with {@code --dry-run},
 * {@code --project P}) and {@code status}, each with {@code --home DIR} before or after the
 * command. Building the model of every command reads their annotations by reflection, and the
 * command-line library's classes cannot go into the class-data archive: about a third of an idle
 * batch's time before this. The same command objects run either way; anything else (help, a typo,
 * an option written twice) is left to the full parser, which explains it.
 */
final class PlainCommandLine {

    private PlainCommandLine() {
    }

    /** The command to call, or empty when the full parser must read this command line. */
    static Optional<Callable<Integer>> of(String... args) {
        String command = null;
        String home = null;
        String project = null;
        boolean dryRun = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value;
            if ((value = value(arg, "--home", args, i)) != null) {
                if (home != null || value.isEmpty() || value.startsWith("-")) {
                    return Optional.empty();
                }
                home = value;
                i += arg.equals("--home") ? 1 : 0;
            } else if ("run".equals(command) && (value = value(arg, "--project", args, i)) != null) {
                if (project != null || value.isEmpty() || value.startsWith("-")) {
                    return Optional.empty();
                }
                project = value;
                i += arg.equals("--project") ? 1 : 0;
            } else if ("run".equals(command) && arg.equals("--dry-run") && !dryRun) {
                dryRun = true;
            } else if (command == null && (arg.equals("run") || arg.equals("status"))) {
                command = arg;
            } else {
                return Optional.empty();
            }
        }
        if (command == null) {
            return Optional.empty();
        }
        NightshiftCommand parent = new NightshiftCommand();
        parent.home = home == null ? null : Path.of(home);
        if (command.equals("status")) {
            StatusCommand status = new StatusCommand();
            status.parent = parent;
            return Optional.of(status);
        }
        RunCommand run = new RunCommand();
        run.parent = parent;
        run.project = project;
        run.dryRun = dryRun;
        return Optional.of(run);
    }

    /** The value of {@code --name VALUE} or {@code --name=VALUE} at {@code i}; {@code null} when it is another argument. */
    private static String value(String arg, String name, String[] args, int i) {
        if (arg.equals(name)) {
            return i + 1 < args.length ? args[i + 1] : "";
        }
        return arg.startsWith(name + "=") ? arg.substring(name.length() + 1) : null;
    }
}
