package dev.nightshift.build;

import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.spec.FailureStreaks;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.spec.SpecMover;
import dev.nightshift.spec.WorkspaceReader;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.Records.BuildResult;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Has a spec used up its attempts? After {@code build.max-attempts} failed batches in a row it
 * goes to blocked/, with the last failure in its .why.md. A human moving it back starts the count
 * again. The count is {@link FailureStreaks}', the same the supervisor plans with: only the spec's
 * own failures count (a dry run, the budget or nightshift's own trouble neither count nor reset it).
 */
@Component
public class RetryBudget {

    private static final Logger log = LoggerFactory.getLogger(RetryBudget.class);

    private final Home home;
    private final NightshiftSettings settings;
    private final FailureStreaks streaks;
    private final SpecMover mover;

    public RetryBudget(Home home, NightshiftSettings settings, FailureStreaks streaks, SpecMover mover) {
        this.home = home;
        this.settings = settings;
        this.streaks = streaks;
        this.mover = mover;
    }

    /** Called with a batch's stored result for a spec. */
    public void afterBuild(BuildResult result, boolean dryRun) {
        if (dryRun || !result.outcome().countsAgainstSpec()) {
            return;
        }
        Optional<Spec> spec = WorkspaceReader.read(home, result.project()).project(result.project())
                .flatMap((ProjectQueue p) -> p.find(result.spec()))
                .filter(s -> s.folder() == SpecFolder.NEXT || s.folder() == SpecFolder.ACTIVE);
        if (spec.isEmpty()) {
            return;
        }
        int max = settings.build().maxAttempts();
        int inARow = streaks.of(spec.get(), max).size();
        if (inARow < max) {
            return;
        }
        String why = "It failed " + inARow + (inARow == 1 ? " batch" : " batches") + " in a row (build.max-attempts is "
                + max + ").\n\n"
                + "The last failure, in batch " + result.batchId() + ": **" + result.outcome().label() + "**"
                + (result.detail() != null ? ": " + result.detail() : "") + "\n"
                + (result.testTail() != null && !result.testTail().isBlank()
                ? "\n```\n" + result.testTail().strip() + "\n```\n" : "")
                + "\n" + whereTheFixBelongs(result.outcome()) + "\n";
        log.warn("{}/{} failed {} batches in a row; moving it to blocked/", result.project(), result.spec(), inARow);
        mover.move(spec.get(), SpecFolder.BLOCKED, why, result.batchId(), false);
    }

    /** Where the owner's fix belongs, by how the spec last failed. */
    static String whereTheFixBelongs(BuildOutcome outcome) {
        return switch (outcome) {
            case TESTS_FAILED -> "Where the fix belongs: the spec (a clearer or smaller task, the test it must pass) or"
                    + " the code on the branch; if the project's tests themselves are wrong, `test` in project.yml.";
            case AGENT_FAILED, TIMED_OUT -> "Where the fix belongs: the agent's settings in nightshift.yml (agent.command,"
                    + " timeouts.agent) or the spec, if the task is too large for one run.";
            case GUARD_HELD -> "Where the fix belongs: paths and protected in project.yml (or the spec's paths), or the"
                    + " spec, if the task asks for a change the guards hold.";
            default -> "Where the fix belongs: the spec, then move it back to next/.";
        };
    }
}
