package dev.nightshift.spec;

import dev.nightshift.config.GitRefNames;
import dev.nightshift.config.InvalidSettingException;
import dev.nightshift.config.RepositoryPaths;
import java.util.List;

/**
 * The optional YAML front matter of a spec.
 *
 * @param priority  lower runs first; default 5
 * @param dependsOn spec names in the same project that must be done first
 * @param verify    a command run after the project's test command; both must pass
 * @param paths     narrows the project's write gate for this spec
 * @param origin    {@code agent} for discovered work (then verify, paths and priority are ignored), or absent;
 *                  any other value is refused
 * @param reopen    the owner's word that a spec whose pull request was closed may be tried again
 */
public record SpecFrontMatter(Integer priority, List<String> dependsOn, String verify, List<String> paths,
                              String origin, Boolean reopen) {

    public static final int DEFAULT_PRIORITY = 5;
    /** The only origin there is: discovered work the agent left, filed by nightshift. */
    public static final String AGENT = "agent";

    public SpecFrontMatter {
        dependsOn = dependsOn != null ? List.copyOf(dependsOn) : List.of();
        verify = verify == null || verify.isBlank() ? null : verify;
        paths = paths != null ? List.copyOf(paths) : null;
        reopen = Boolean.TRUE.equals(reopen);
        origin = origin == null || origin.isBlank() ? null : origin;
        if (origin != null && !AGENT.equals(origin)) {
            // A typo must not silently make an agent's spec a human's, with a human's powers over the gate.
            throw new InvalidSettingException("origin", "\"" + origin + "\" is not an origin nightshift knows; only"
                    + " \"agent\" is (nightshift writes it on the follow-ups it files; a spec you write has no origin)");
        }
        for (int i = 0; i < dependsOn.size(); i++) {
            String name = dependsOn.get(i);
            String why = GitRefNames.nameProblem(name).orElse(null);
            if (why != null) {
                throw new InvalidSettingException("depends-on[" + i + "]", "\"" + name + "\" is not a spec name: it "
                        + why + " (write the file name without .md, e.g. 0003-auth)");
            }
        }
        RepositoryPaths.check("paths", paths);
    }

    public static SpecFrontMatter none() {
        return new SpecFrontMatter(null, null, null, null, null, null);
    }

    public boolean fromAgent() {
        return AGENT.equals(origin);
    }

    /** Only a human widens or narrows a gate: an agent's spec gets the project's defaults. */
    public int effectivePriority() {
        return fromAgent() || priority == null ? DEFAULT_PRIORITY : priority;
    }

    public String effectiveVerify() {
        return fromAgent() ? null : verify;
    }

    public List<String> effectivePaths() {
        return fromAgent() ? null : paths;
    }
}
