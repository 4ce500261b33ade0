package dev.nightshift.build;

import dev.nightshift.spec.SpecParser;
import dev.nightshift.store.BuildOutcome;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    @Override
    public StepResult run(BuildContext build) {
        String path = build.order.spec().path();
        Optional<String> now = SpecParser.hashOf(build.homeRoot.resolve(path));
        if (now.isEmpty()) {
            return StepResult.stop(BuildOutcome.SKIPPED, path + " is gone since planning: not built; the next batch"
                    + " plans again");
        }
        if (!now.get().equals(build.order.spec().sha256())) {
            return StepResult.stop(BuildOutcome.SKIPPED, path + " changed since planning: not built as planned; the"
                    + " next batch plans it again from its new text");
        }
        if (build.run.dryRun()) {
            log.info("DRY-RUN: would run the agent on {}/{}: {}", build.project(), build.spec.name(), build.task.text());
            return StepResult.stop(BuildOutcome.SKIPPED, "dry run: would run the agent on \"" + build.task.text() + "\"");
        }
        return StepResult.next();
    }
}
