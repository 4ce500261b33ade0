package dev.nightshift.build;

import dev.nightshift.build.BaseTestFloor.BaseRun;
import dev.nightshift.exec.Sandbox;
import dev.nightshift.config.ProjectSettings;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Does the project's {@code test} command pass on base before any change, countably, so that an
 * agent may work there? When it fails on base (a typo in the command, or tests that really fail,
 * even behind an exit 0), every gate would fail too and the spec would be blamed for the setup;
 * when nightshift cannot count what it ran, no gate could ever pass. Either way the agent is not
 * started, and the owner reads why and what to fix. A base that runs no test yet is no problem: a
 * new project's first task may add its first test, and a runner that fails for an empty suite
 * (exit 5 of pytest and unittest, or a count of zero) is not red. A green base is run once per
 * commit and command ({@link BaseTestFloor}); a red one again every batch, so a flaky failure
 * holds the project for one batch only.
 */
@Component
public class GreenBase {

    /** pytest's and unittest's exit when they found no test. */
    static final int NO_TESTS_COLLECTED = 5;

    private final BaseTestFloor floor;
    private final Sandbox sandbox;

    public GreenBase(BaseTestFloor floor, Sandbox sandbox) {
        this.floor = floor;
        this.sandbox = sandbox;
    }

    /** Why the agent may not work on the project now, or empty when base is green (or cannot be told). */
    public Optional<String> problem(String batchId, String project, ProjectSettings settings, Path clone, Path logs) {
        // Without its sandbox no test command runs at all: that, not base, is what the owner must fix.
        if (sandbox.problem().isPresent()) {
            return sandbox.problem();
        }
        return floor.onBase(batchId, project, settings, clone, logs)
                .flatMap(run -> judge(project, settings.base(), run));
    }

    /** The decision on base's run; the reason names the setting to fix. */
    public static Optional<String> judge(String project, String base, BaseRun run) {
        boolean emptySuite = run.executed() != null && run.executed() == 0
                || run.executed() == null && run.exitCode() != null && run.exitCode() == NO_TESTS_COLLECTED;
        if (run.exitCode() == null || emptySuite) {
            return Optional.empty();
        }
        String settings = "wip-specs/" + project + "/project.yml";
        if (run.exitCode() != 0) {
            return Optional.of("the test command fails on " + base + " at " + run.shortCommit() + " before any change (exit "
                    + run.exitCode() + (run.said() != null ? ": " + run.said() : "") + "): fix test in " + settings
                    + ", or make " + base + " green");
        }
        if (run.executed() == null) {
            return Optional.of(uncounted(settings, base, run));
        }
        if (run.failed() != null && run.failed() > 0) {
            return Optional.of("the test command exits 0 on " + base + " at " + run.shortCommit() + ", but " + run.failed()
                    + " test(s) failed there before any change: make " + base + " green (or fix test in " + settings + ")");
        }
        return Optional.empty();
    }

    /** What the owner reads when base's run exits 0 and nothing in it can be counted. */
    static String uncounted(String settings, String base, BaseRun run) {
        return "the test command exits 0 on " + base + " at " + run.shortCommit() + ", but nightshift cannot count its"
                + " tests: it wrote no JUnit XML report and printed no closing line of a runner nightshift reads"
                + (run.said() != null ? " (it printed: " + run.said() + ")" : " (it printed nothing)")
                + ". Make it countable: name the JUnit XML it writes in test-reports: in " + settings + ", or run"
                + " a runner nightshift reads (README, \"Test runners nightshift counts\"). Until then no agent works"
                + " on this project and its specs keep their place";
    }
}
