package dev.nightshift.spec;

import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.Observations.SpecIndexEntry;
import dev.nightshift.store.Records.BuildResult;
import dev.nightshift.store.Records.SpecMove;
import dev.nightshift.store.SpecIndexRepository;
import dev.nightshift.store.SpecMoveRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * How many batches in a row has a spec failed since it last moved? The one answer that both the
 * supervisor's plan and risks and the build's retry budget read. Which outcomes count is
 * {@link BuildOutcome.Streak}'s rule: only the spec's own failures, a success ends the streak,
 * the rest is skipped over. A move starts the count afresh: a spec the owner took back out of
 * blocked/ gets its attempts again (the files are the truth, even before maintenance has recorded
 * the owner's move).
 */
@Component
public class FailureStreaks {

    private final BuildRepository builds;
    private final SpecMoveRepository moves;
    private final SpecIndexRepository index;

    public FailureStreaks(BuildRepository builds, SpecMoveRepository moves, SpecIndexRepository index) {
        this.builds = builds;
        this.moves = moves;
        this.index = index;
    }

    /**
     * The outcomes of the spec's current run of failures, newest first, at most {@code limit};
     * empty when its last weighed result passed.
     */
    public List<BuildOutcome> of(Spec spec, int limit) {
        List<BuildResult> weighed = builds.weighedForSpec(spec.project(), spec.name(), limit);
        // Most specs of a long queue were never built: one query says so, and moves cannot matter.
        if (weighed.isEmpty() || movedByHandSinceIndexed(spec)) {
            return List.of();
        }
        Instant since = lastMove(spec).map(SpecMove::movedAt).orElse(Instant.MIN);
        List<BuildOutcome> sinceMove = new ArrayList<>();
        for (BuildResult result : weighed) {
            if (!result.startedAt().isAfter(since)) {
                break;
            }
            sinceMove.add(result.outcome());
        }
        return BuildOutcome.streakOf(sinceMove);
    }

    /**
     * {@link #of} for many specs of one project, by spec name: the specs never weighed (most of
     * a long queue) are answered by one query for them all.
     */
    public java.util.Map<String, List<BuildOutcome>> of(String project, java.util.Collection<Spec> specs, int limit) {
        return of(project, specs, limit, new Weighed(java.util.Map.of(project, builds.specsWithWeighed(project))));
    }

    /**
     * {@link #of} with the specs that ever weighed already known, from {@link #weighed()}: a phase
     * that looks at every project asks once for all of them.
     */
    public java.util.Map<String, List<BuildOutcome>> of(String project, java.util.Collection<Spec> specs, int limit,
                                                        Weighed weighed) {
        java.util.Map<String, List<BuildOutcome>> streaks = new java.util.LinkedHashMap<>();
        for (Spec spec : specs) {
            streaks.put(spec.name(), weighed.ever(project, spec.name()) ? of(spec, limit) : List.of());
        }
        return streaks;
    }

    /** The specs of every project that have at least one result weighing in a streak: one query. */
    public Weighed weighed() {
        return new Weighed(builds.specsWithWeighed());
    }

    /** Per project, the specs with at least one result that weighs in a streak. */
    public record Weighed(java.util.Map<String, java.util.Set<String>> specs) {
        boolean ever(String project, String spec) {
            return specs.getOrDefault(project, java.util.Set.of()).contains(spec);
        }
    }

    private Optional<SpecMove> lastMove(Spec spec) {
        List<SpecMove> all = moves.forSpec(spec.project(), spec.name());
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The file is in another folder than both the index and nightshift's own last move say. */
    private boolean movedByHandSinceIndexed(Spec spec) {
        String folder = spec.folder().folderName();
        Optional<SpecIndexEntry> indexed = index.entry(spec.project(), spec.name());
        if (indexed.isEmpty() || indexed.get().removedAt() != null || indexed.get().folder().equals(folder)) {
            return false;
        }
        return lastMove(spec).map(m -> !m.toFolder().equals(folder)).orElse(true);
    }
}
