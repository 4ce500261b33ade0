package dev.nightshift.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which queued specs can never become ready because of their {@code depends-on}: a name the
 * project has no spec for, or a cycle (each waits for the other). They are reported on the specs
 * concerned and kept out of the queue; every other spec carries on.
 */
final class DependencyProblems {

    private DependencyProblems() {
    }

    /**
     * @param queued     the specs in next/ and active/
     * @param unfinished every spec not in done/, the nodes a cycle can run through
     * @param knownNames every spec file name of the project, readable or not
     * @return the problem of each queued spec that has one, in the order given
     */
    static Map<Spec, String> find(List<Spec> queued, List<Spec> unfinished, Set<String> knownNames) {
        Map<Spec, String> problems = new LinkedHashMap<>();
        for (Spec spec : queued) {
            for (String dependency : spec.meta().dependsOn()) {
                if (!knownNames.contains(dependency)) {
                    problems.put(spec, "depends-on: \"" + dependency + "\" is not a spec of this project (no "
                            + dependency + ".md in next/, active/, done/ or blocked/); skipped");
                    break;
                }
            }
        }
        Map<String, Spec> byName = new HashMap<>();
        unfinished.forEach(s -> byName.putIfAbsent(s.name(), s));
        for (Spec spec : queued) {
            if (problems.containsKey(spec)) {
                continue;
            }
            List<String> cycle = cycleThrough(spec.name(), byName);
            if (!cycle.isEmpty()) {
                problems.put(spec, "depends-on: " + String.join(" -> ", cycle)
                        + " is a cycle, so none of them can start; skipped until the cycle is broken");
            }
        }
        return problems;
    }

    /** The shortest path of unfinished specs from {@code start} back to itself, or empty. */
    private static List<String> cycleThrough(String start, Map<String, Spec> byName) {
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            String current = queue.removeFirst();
            Spec spec = byName.get(current);
            if (spec == null) {
                continue;
            }
            for (String next : spec.meta().dependsOn()) {
                if (next.equals(start)) {
                    List<String> path = new ArrayList<>();
                    path.add(start);
                    for (String at = current; !at.equals(start); at = cameFrom.get(at)) {
                        path.add(1, at);
                    }
                    path.add(start);
                    return path;
                }
                if (byName.containsKey(next) && !cameFrom.containsKey(next) && !next.equals(start)) {
                    cameFrom.put(next, current);
                    queue.addLast(next);
                }
            }
        }
        return List.of();
    }

    /** The 1-based line of the {@code depends-on} key in the spec's front matter, or 0. */
    static int lineOf(Spec spec) {
        try {
            List<String> lines = Files.readAllLines(spec.file(), StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).strip().equals("---")) {
                return 0;
            }
            for (int i = 1; i < lines.size() && !lines.get(i).strip().equals("---"); i++) {
                if (lines.get(i).matches("^depends-on\\s*:.*")) {
                    return i + 1;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
