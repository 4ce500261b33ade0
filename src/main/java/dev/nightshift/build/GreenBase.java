package dev.nightshift.build;

import dev.nightshift.build.BaseTestFloor.BaseRun;
import dev.nightshift.spec.ProjectQueue;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Does the project's {@code test} command pass on base before any change, so that an agent may
 * work there? When it fails on base (a typo in the command, or tests that really fail), every gate
 * would fail too and the spec would be blamed for the setup: so the agent is not started, and the
 * owner reads why. A base that runs no test is held back alike, since no gate could pass on it.
 * Base is run once per commit and command ({@link BaseTestFloor}), so a fix to either is seen at
 * the next batch.
 */
@Component
public class GreenBase {

    private final BaseTestFloor floor;

    public GreenBase(BaseTestFloor floor) {
        this.floor = floor;
    }

    /** Why the agent may not work on the project now, or empty when base is green (or cannot be told). */
    public Optional<String> problem(String batchId, ProjectQueue project, Path clone, Path logs) {
        return floor.onBase(batchId, project.name(), project.settings(), clone, logs)
                .flatMap(run -> judge(project.name(), project.settings().base(), run));
    }

    /** The decision on base's run; the reason names the setting to fix. */
    static Optional<String> judge(String project, String base, BaseRun run) {
        String fix = ": fix test in wip-specs/" + project + "/project.yml, or ";
        String where = " on " + base + " at " + run.shortCommit() + " before any change";
        if (run.exitCode() != null && run.exitCode() != 0) {
            return Optional.of("the test command fails" + where + " (exit " + run.exitCode()
                    + (run.said() != null ? ": " + run.said() : "") + ")" + fix + "make " + base + " green");
        }
        if (run.executed() == null) {
            return Optional.of("the test command runs no test nightshift can count" + where
                    + " (no JUnit XML report, no summary line" + (run.said() != null ? "; it said: " + run.said() : "")
                    + ")" + fix + "make it report the tests it runs");
        }
        if (run.executed() == 0) {
            return Optional.of("the test command runs no test" + where + fix + "add a first test to " + base);
        }
        return Optional.empty();
    }
}
