package dev.nightshift.build;

import dev.nightshift.git.RepositoryClones;
import org.springframework.stereotype.Component;

/** nightshift's own clone of the project's repository, fetched now: every later git step works in it. */
@Component
class Clone implements BuildStep {

    private final RepositoryClones clones;

    Clone(RepositoryClones clones) {
        this.clones = clones;
    }

    @Override
    public StepResult run(BuildContext build) {
        build.clone = clones.ensure(build.project(), build.order.settings(), build.gitLog);
        return StepResult.next();
    }
}
