package dev.nightshift.build;

import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.order.WorkOrder;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.Records.BuildResult;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Has a spec used up its attempts? After {@code build.max-attempts} failed batches in a row it
 * goes to blocked/, with the last failure in its .why.md. A human moving it back starts the count
 * again. The count before this batch is the one the supervisor planned with (its work order's);
 * only the spec's own failures count (a dry run, the budget or nightshift's own trouble neither
 * count nor reset it).
 */
@Component
class RetryBudget {

    private static final Logger log = LoggerFactory.getLogger(RetryBudget.class);

    private final NightshiftSettings settings;

    RetryBudget(NightshiftSettings settings) {
        this.settings = settings;
    }

    /**
     * Why the spec goes to blocked/ after this build, or empty when it has attempts left.
     *
     * @param blocked whether the build already sends it there for another reason
     */
    Optional<String> exhausted(WorkOrder order, BuildResult result, boolean dryRun, boolean blocked) {
        if (dryRun || blocked || !result.outcome().countsAgainstSpec()) {
            return Optional.empty();
        }
        int max = settings.build().maxAttempts();
        int inARow = order.failuresInARow() + 1;
        if (inARow < max) {
            return Optional.empty();
        }
        log.warn("{}/{} failed {} batches in a row; moving it to blocked/", result.project(), result.spec(), inARow);
        return Optional.of("It failed " + inARow + (inARow == 1 ? " batch" : " batches") + " in a row (build.max-attempts is "
                + max + ").\n\n"
                + "The last failure, in batch " + result.batchId() + ": **" + result.outcome().label() + "**"
                + (result.detail() != null ? ": " + result.detail() : "") + "\n"
                + (result.testTail() != null && !result.testTail().isBlank()
                ? "\n```\n" + result.testTail().strip() + "\n```\n" : "")
                + "\n" + whereTheFixBelongs(result.outcome()) + "\n");
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
