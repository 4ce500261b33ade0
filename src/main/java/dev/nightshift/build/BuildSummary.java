package dev.nightshift.build;

import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.Records.BuildResult;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The build phase's line in the timeline: how many projects, and what came of them. */
@Component
public class BuildSummary {

    private final BuildRepository builds;

    public BuildSummary(BuildRepository builds) {
        this.builds = builds;
    }

    public String describe(String batchId) {
        var results = builds.results(batchId);
        if (results.isEmpty()) {
            return "no project had a spec to build";
        }
        Map<BuildOutcome, Long> counts = new EnumMap<>(BuildOutcome.class);
        for (BuildResult r : results) {
            counts.merge(r.outcome(), 1L, Long::sum);
        }
        // The projects that waited are named: the owner sees who is first in line next time.
        String waited = results.stream().filter(r -> r.outcome() == BuildOutcome.WAITED).map(BuildResult::project)
                .collect(Collectors.joining(", "));
        return results.size() + " project(s): " + counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().label()
                        + (e.getKey() == BuildOutcome.WAITED ? " (" + waited + ")" : ""))
                .collect(Collectors.joining(", "));
    }
}
