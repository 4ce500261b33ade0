package dev.nightshift.build;

import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.spec.SpecMover;
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
public class ChangedHome {

    private static final Logger log = LoggerFactory.getLogger(ChangedHome.class);

    private final HomeFingerprint fingerprint;
    private final ChangeGuards guards;
    private final SpecMover mover;

    public ChangedHome(HomeFingerprint fingerprint, ChangeGuards guards, SpecMover mover) {
        this.fingerprint = fingerprint;
        this.guards = guards;
        this.mover = mover;
    }

    /** Taken before anything of the agent's runs. */
    public HomeFingerprint.Print before(Path clone, Path gitLog) {
        return fingerprint.take(clone, gitLog);
    }

    /**
     * @param candidate the commit judged so far, or {@code null} before there is one
     * @return the build's detail when the work was held
     */
    public Optional<String> holdIfChanged(HomeFingerprint.Print before, Path clone, Spec spec, String base,
                                          String batchId, String candidate, Path gitLog) {
        List<String> changed = fingerprint.changed(before, fingerprint.take(clone, gitLog));
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        String what = BuildOutcome.HOME_CHANGED + ": " + String.join(", ", changed);
        log.warn("{}/{}: {}; the work is held", spec.project(), spec.name(), what);
        String kept = candidate == null ? "" : " The agent's change is on the local branch `"
                + guards.hold(clone, spec, candidate, base, batchId, gitLog) + "` of nightshift's clone, never pushed.";
        List<String> restored = fingerprint.putBack(before, batchId);
        String why = what + ". Nothing was pushed." + kept
                + (restored.isEmpty() ? "" : " Put back as they were before the run: " + String.join(", ", restored)
                        + " (what they held instead is kept in reports/" + batchId + "/changed-settings/).")
                + "\n\nCheck these for what the agent (or its tests) did and put them right, then move the spec back"
                + " to next/.";
        mover.move(spec, SpecFolder.BLOCKED, why, batchId, false);
        return Optional.of(what);
    }
}
