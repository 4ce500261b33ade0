package dev.nightshift.cli;

import dev.nightshift.batch.BatchLock;
import dev.nightshift.config.CronSchedule;
import dev.nightshift.config.Home;
import dev.nightshift.config.InvalidSettingException;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessResult;
import dev.nightshift.exec.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * What fires this home's batches, and when is the next? The daemon running for the home, else a
 * line of the user's crontab that runs nightshift for it, else nothing: then no batch runs unless
 * someone asks, which an owner who expects a report every morning must be told.
 */
final class ScheduleDriver {

    /** {@code crontab -l} is local and quick; a hung one must not hold {@code status}. */
    static final Duration CRONTAB_TIMEOUT = Duration.ofSeconds(5);
    static final List<String> CRONTAB = List.of("crontab", "-l");
    private static final Pattern VARIABLE = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*)$");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");
    private static final Pattern NAMED_HOME = Pattern.compile("(?:--home[= ]+|NIGHTSHIFT_HOME=)(\"[^\"]*\"|'[^']*'|\\S+)");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    /** What drives the batches. */
    enum Kind {
        /** A {@code nightshift daemon} holds this home's daemon lock: it fires on {@code schedule}. */
        DAEMON,
        /** A line of the user's crontab runs nightshift for this home. */
        CRONTAB,
        /** Nothing: batches run only when someone runs them. */
        NONE
    }

    /**
     * @param what the daemon's holder line or the crontab line
     * @param next the next fire, when it can be told
     */
    record Driver(Kind kind, String what, Optional<Instant> next) {
    }

    private ScheduleDriver() {
    }

    /**
     * @param schedule the Quartz cron of nightshift.yml ({@code null} when it cannot be read)
     * @param crontab  the text {@code crontab -l} prints (empty when there is none); read only without a daemon
     */
    static Driver find(Home home, String schedule, Supplier<String> crontab, Instant now) {
        if (BatchLock.isHeld(home.daemonLockFile())) {
            return new Driver(Kind.DAEMON, BatchLock.holder(home.daemonLockFile()),
                    schedule == null ? Optional.empty() : next(schedule, now));
        }
        Map<String, String> variables = new HashMap<>();
        for (String raw : crontab.get().lines().toList()) {
            String line = raw.strip();
            Matcher variable = VARIABLE.matcher(line);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (variable.matches() && !line.startsWith("@")) {
                variables.put(variable.group(1), unquote(variable.group(2).strip()));
                continue;
            }
            String[] fields = line.split("\\s+", line.startsWith("@") ? 2 : 6);
            if (fields.length < (line.startsWith("@") ? 2 : 6) || fields[0].equals("@reboot")) {
                continue;
            }
            String command = expand(fields[fields.length - 1], variables);
            if (command.contains("nightshift") && runsFor(home, command)) {
                String when = line.startsWith("@") ? fields[0] : String.join(" ", List.of(fields).subList(0, 5));
                return new Driver(Kind.CRONTAB, line, nextOfCrontab(when, now));
            }
        }
        return new Driver(Kind.NONE, "", Optional.empty());
    }

    /** The text of the user's crontab; empty when there is none or it cannot be read in time. */
    static String crontab(List<String> command) {
        Path log;
        try {
            log = Files.createTempFile("nightshift-crontab", ".log");
        } catch (IOException e) {
            return "";
        }
        try {
            Map<String, String> env = ProcessEnvironment.ofSystem(Set.of()).forTools(Map.of("LC_ALL", "C"));
            ProcessResult result = SetupChecks.runner().run(ProcessSpec.of("crontab", command, Path.of(System.getProperty(
                    "java.io.tmpdir")), env, CRONTAB_TIMEOUT, log).capturingStdout());
            return result.succeeded() ? result.stdout() : "";
        } catch (RuntimeException e) {
            // No crontab program: nothing is installed through it.
            return "";
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a temporary file; the system cleans it
            }
        }
    }

    /** The lines for {@code status}. */
    static List<String> lines(Driver driver, ZoneId zone) {
        String next = driver.next().map(at -> "; next batch " + WHEN.format(at.atZone(zone))).orElse("");
        return switch (driver.kind()) {
            case DAEMON -> TerminalText.wrap("schedule: ", "the " + driver.what() + next);
            case CRONTAB -> TerminalText.wrap("schedule: ", "crontab: " + driver.what() + next);
            case NONE -> TerminalText.wrap("schedule: ", "no schedule is installed: no batch runs unless you run one"
                    + " (install crontab.example with `crontab`, or start `nightshift daemon`)");
        };
    }

    /** Whether a command names this home: by --home or NIGHTSHIFT_HOME when it sets one, else by its path. */
    private static boolean runsFor(Home home, String command) {
        Matcher named = NAMED_HOME.matcher(command);
        if (named.find()) {
            return sameHome(home, unquote(named.group(1)));
        }
        for (String root : roots(home)) {
            if (Pattern.compile(Pattern.quote(root) + "(?=$|[/\\s\"';&|)])").matcher(command).find()) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameHome(Home home, String path) {
        String clean = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return roots(home).contains(clean);
    }

    private static List<String> roots(Home home) {
        Path root = home.root().toAbsolutePath().normalize();
        try {
            Path real = root.toRealPath();
            return real.equals(root) ? List.of(root.toString()) : List.of(root.toString(), real.toString());
        } catch (IOException e) {
            return List.of(root.toString());
        }
    }

    private static String expand(String command, Map<String, String> variables) {
        Matcher m = REFERENCE.matcher(command);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(variables.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static Optional<Instant> nextOfCrontab(String when, Instant now) {
        try {
            return next(CronSchedule.of(when).expression(), now);
        } catch (InvalidSettingException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> next(String quartz, Instant now) {
        try {
            CronExpression cron = new CronExpression(quartz);
            cron.setTimeZone(TimeZone.getDefault());
            return Optional.ofNullable(cron.getNextValidTimeAfter(Date.from(now))).map(Date::toInstant);
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
