package dev.nightshift.build;

import dev.nightshift.store.BuildOutcome;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * May the order be carried out as planned? Only if the spec's file still has the text it was
 * planned from: an edit since (or a file gone) skips the build, and the next batch plans it again;
 * the build never plans. The one file of wip-specs/ the build reads, and only for its hash. A dry
 * run ends here, saying what it would have done.
 */
@Component
class Preflight implements BuildStep {

    private static final Logger log = LoggerFactory.getLogger(Preflight.class);

    /** Whether the owner's queue is here: a cluster's worker has none; the batch's node checked before it sent the order. */
    private final boolean queueHere;

    Preflight() {
        this.queueHere = true;
    }

    @Autowired
    Preflight(Environment environment) {
        this.queueHere = !environment.matchesProfiles("worker");
    }

    @Override
    public StepResult run(BuildContext build) {
        if (queueHere) {
            Optional<String> changed = SpecSincePlanning.change(build.homeRoot, build.order);
            if (changed.isPresent()) {
                return StepResult.stop(BuildOutcome.SKIPPED, changed.get());
            }
        }
        if (build.run.dryRun()) {
            log.info("DRY-RUN: would run the agent on {}/{}: {}", build.project(), build.spec.name(), build.task.text());
            return StepResult.stop(BuildOutcome.SKIPPED, "dry run: would run the agent on \"" + build.task.text() + "\"");
        }
        return StepResult.next();
    }
}
