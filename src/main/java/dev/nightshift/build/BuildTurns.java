package dev.nightshift.build;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which planned project starts first? The one that had its turn least recently: a project never
 * built before all others, then the longest since its last turn, ties by name. When more projects
 * are ready than {@code build.parallelism} and the phase's time can serve, those left over wait,
 * and waiting makes them the first of the next batch: none starves.
 */
final class BuildTurns {

    private BuildTurns() {
    }

    /** @param lastTurns when each project last had its turn; a project absent from it never had one */
    static List<String> order(Collection<String> projects, Map<String, Instant> lastTurns) {
        return projects.stream()
                .sorted(Comparator.comparing((String p) -> lastTurns.getOrDefault(p, Instant.MIN))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }
}
