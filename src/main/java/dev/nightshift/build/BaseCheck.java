package dev.nightshift.build;

import dev.nightshift.store.BuildOutcome;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Before any agent run: a test command that fails on base would fail every gate, and the spec
 * would pay for the setup. A red (or uncountable) base stops the build ({@link GreenBase}).
 */
@Component
class BaseCheck implements BuildStep {

    private final GreenBase greenBase;

    BaseCheck(GreenBase greenBase) {
        this.greenBase = greenBase;
    }

    @Override
    public StepResult run(BuildContext build) {
        Optional<String> red = greenBase.problem(build.batchId(), build.project(), build.order.settings(), build.clone,
                build.logs);
        return red.map(why -> StepResult.stop(BuildOutcome.FAILED, why)).orElse(StepResult.next());
    }
}
