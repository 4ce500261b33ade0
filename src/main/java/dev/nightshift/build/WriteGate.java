package dev.nightshift.build;

import dev.nightshift.config.ProjectSettings;
import dev.nightshift.git.StagedChange;
import dev.nightshift.spec.Spec;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * May the agent change these files? Never a {@code protected} path; and, when the project's
 * {@code paths} or the spec's (for a spec a human wrote) are set, only files inside them, both
 * when both are set. Globs are the JDK's ({@link PathMatcher}, {@code glob:} syntax: {@code *}
 * within a folder, {@code **} across folders); a pattern starting with {@code **}{@code /} also
 * matches at the top level, and one ending with {@code /} means everything under that folder.
 */
final class WriteGate {

    private WriteGate() {
    }

    static List<GuardBreach> check(StagedChange change, ProjectSettings project, Spec spec) {
        Globs protectedPaths = Globs.of(project.protectedPaths());
        Optional<Globs> projectPaths = Optional.ofNullable(project.paths()).map(Globs::of);
        Optional<Globs> specPaths = Optional.ofNullable(spec.meta().effectivePaths()).map(Globs::of);
        Set<String> forbidden = new LinkedHashSet<>();
        Set<String> outside = new LinkedHashSet<>();
        for (StagedChange.FileChange file : change.files()) {
            for (String path : file.touched()) {
                if (protectedPaths.matches(path)) {
                    forbidden.add(path);
                } else if (projectPaths.map(g -> !g.matches(path)).orElse(false)
                        || specPaths.map(g -> !g.matches(path)).orElse(false)) {
                    outside.add(path);
                }
            }
        }
        List<GuardBreach> breaches = new ArrayList<>();
        if (!forbidden.isEmpty()) {
            breaches.add(new GuardBreach("protected path", List.copyOf(forbidden),
                    "changed a protected path (" + String.join(", ", project.protectedPaths()) + ")"));
        }
        if (!outside.isEmpty()) {
            List<String> allowed = new ArrayList<>();
            projectPaths.ifPresent(g -> allowed.add("project paths " + String.join(", ", project.paths())));
            specPaths.ifPresent(g -> allowed.add("spec paths " + String.join(", ", spec.meta().effectivePaths())));
            breaches.add(new GuardBreach("outside paths", List.copyOf(outside),
                    "wrote outside the paths it may change (" + String.join("; ", allowed) + ")"));
        }
        return breaches;
    }

    /** A list of glob patterns matched against repository-relative paths. */
    record Globs(List<PathMatcher> matchers) {

        static Globs of(List<String> patterns) {
            List<PathMatcher> matchers = new ArrayList<>();
            for (String pattern : patterns) {
                String glob = pattern.strip();
                if (glob.startsWith("/")) {
                    glob = glob.substring(1);
                }
                if (glob.endsWith("/")) {
                    glob = glob + "**";
                }
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
                if (glob.startsWith("**/")) {
                    matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3)));
                }
            }
            return new Globs(List.copyOf(matchers));
        }

        boolean matches(String path) {
            Path p = Path.of(path);
            return matchers.stream().anyMatch(m -> m.matches(p));
        }
    }
}
