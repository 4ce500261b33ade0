package dev.nightshift.build;

import dev.nightshift.build.BaseTestFloor.BaseRun;
import dev.nightshift.exec.Sandbox;
import dev.nightshift.spec.ProjectQueue;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Does the project's {@code test} command pass on base before any change, so that an agent may
 * work there? When it fails on base (a typo in the command, or tests that really fail), every gate
 * would fail too and the spec would be blamed for the setup: so the agent is not started, and the
 * owner reads why. A base that runs no test yet is no problem: a new project's first task may add
 * its first test, and a runner that fails for an empty suite (pytest's exit 5, counted as zero
 * tests) is not red. A green base is run once per commit and command ({@link BaseTestFloor}); a
 * red one again every batch, so a flaky failure holds the project for one batch only.
 */
@Component
public class GreenBase {

    private final BaseTestFloor floor;
    private final Sandbox sandbox;

    public GreenBase(BaseTestFloor floor, Sandbox sandbox) {
        this.floor = floor;
        this.sandbox = sandbox;
    }

    /** Why the agent may not work on the project now, or empty when base is green (or cannot be told). */
    public Optional<String> problem(String batchId, ProjectQueue project, Path clone, Path logs) {
        // Without its sandbox no test command runs at all: that, not base, is what the owner must fix.
        if (sandbox.problem().isPresent()) {
            return sandbox.problem();
        }
        return floor.onBase(batchId, project.name(), project.settings(), clone, logs)
                .flatMap(run -> judge(project.name(), project.settings().base(), run));
    }

    /** The decision on base's run; the reason names the setting to fix. */
    static Optional<String> judge(String project, String base, BaseRun run) {
        boolean emptySuite = run.executed() != null && run.executed() == 0;
        if (run.exitCode() == null || run.exitCode() == 0 || emptySuite) {
            return Optional.empty();
        }
        return Optional.of("the test command fails on " + base + " at " + run.shortCommit() + " before any change (exit "
                + run.exitCode() + (run.said() != null ? ": " + run.said() : "") + "): fix test in wip-specs/" + project
                + "/project.yml, or make " + base + " green");
    }
}
