package dev.nightshift.build;

import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.SandboxMode;
import dev.nightshift.spec.ReviewFiles;
import dev.nightshift.store.BuildOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Did nightshift's own settings or state change while the agent or its tests ran? Then the work is
 * held for a human: the spec goes to blocked/ naming what changed, the candidate (if any) to a
 * held branch that is never pushed, and the settings files are put back as they were.
 */
@Component
class ChangedHome {

    private static final Logger log = LoggerFactory.getLogger(ChangedHome.class);

    private final HomeFingerprint fingerprint;
    private final ChangeGuards guards;
    private final NightshiftSettings settings;

    ChangedHome(HomeFingerprint fingerprint, ChangeGuards guards, NightshiftSettings settings) {
        this.fingerprint = fingerprint;
        this.guards = guards;
        this.settings = settings;
    }

    /** Taken before anything of the agent's runs. */
    HomeFingerprint.Print before(BuildContext build) {
        return take(build);
    }

    /**
     * The home's fingerprint; unconfined, also the spec being built and the owner's review of it:
     * an agent that reaches them could tick its own tasks, drop the spec's {@code verify:}, or
     * rewrite or remove the points it is asked to answer, and the next batch would plan from that.
     * In the sandbox they are out of its sight, and the owner may edit them while a batch runs.
     */
    private HomeFingerprint.Print take(BuildContext build) {
        HomeFingerprint.Print print = fingerprint.take(build.clone, build.gitLog);
        if (settings.agent().sandbox() != SandboxMode.NONE) {
            return print;
        }
        Home home = new Home(build.homeRoot);
        return fingerprint.alsoWatching(print, List.of(home.root().resolve(build.order.spec().path()),
                ReviewFiles.reviewOf(home.wipSpecs().resolve(build.project()), build.spec.name())));
    }

    /**
     * Holds the work when anything changed since {@code before}: the build asks for the spec to go
     * to blocked/ and stops, the outcome journalled.
     *
     * @param candidate the commit judged so far, or {@code null} before there is one
     * @return the step's stop when the work was held
     */
    Optional<StepResult> holdIfChanged(BuildContext build, HomeFingerprint.Print before, String candidate) {
        List<String> changed = fingerprint.changed(before, take(build));
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        String batchId = build.batchId();
        String what = BuildOutcome.HOME_CHANGED + ": " + String.join(", ", changed);
        log.warn("{}/{}: {}; the work is held", build.project(), build.spec.name(), what);
        String kept = candidate == null ? "" : " The agent's change is on the local branch `"
                + guards.hold(build.clone, build.spec, candidate, build.order.settings().base(), batchId, build.gitLog)
                + "` of nightshift's clone, never pushed.";
        List<String> restored = fingerprint.putBack(before, batchId);
        String why = what + ". Nothing was pushed." + kept
                + (restored.isEmpty() ? "" : " Put back as they were before the run: " + String.join(", ", restored)
                        + " (what they held instead is kept in reports/" + batchId + "/changed-settings/).")
                + "\n\nCheck these for what the agent (or its tests) did and put them right, then move the spec back"
                + " to next/.";
        build.block(why);
        return Optional.of(StepResult.journalled(BuildOutcome.GUARD_HELD, what));
    }
}
