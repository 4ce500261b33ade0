package dev.nightshift.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * wip-specs/&lt;project&gt;/project.yml: the repository, its base branch, and the commands that
 * judge the agent's work. nightshift keeps this copy; the agent never edits it.
 *
 * @param paths       the write gate: globs the agent may change; {@code null} means everything but
 *                    {@code protectedPaths}
 * @param testReports globs, relative to the checkout, of the JUnit XML reports {@code test} writes;
 *                    empty: any JUnit XML the run wrote, else the runner's closing output
 */
public record ProjectSettings(
        @JsonProperty(required = true) String repo,
        String base,
        @JsonProperty(required = true) String test,
        String integration,
        List<HealthCheck> health,
        PrSettings pr,
        List<String> paths,
        @JsonProperty("protected") List<String> protectedPaths,
        List<String> testReports) {

    public static final List<String> DEFAULT_PROTECTED = List.of(".github/**", "wip-specs/**");

    public ProjectSettings {
        if (repo == null || repo.isBlank()) {
            throw new InvalidSettingException("repo", "is empty; name the repository's URL or local path");
        }
        repo = repo.strip();
        checkRepo(repo);
        if (test == null || test.isBlank()) {
            throw new InvalidSettingException("test", "is empty; the gate needs a command that runs the tests");
        }
        base = base != null && !base.isBlank() ? base : "main";
        if (!GitRefNames.isSafeBranch(base)) {
            throw new InvalidSettingException("base", "\"" + base + "\" is not a branch name nightshift accepts"
                    + " (letters, digits, '.', '_', '-' and '/'; no \"..\", spaces or shell characters)");
        }
        integration = integration == null || integration.isBlank() ? null : integration;
        health = health != null ? List.copyOf(health) : List.of();
        pr = pr != null ? pr : PrSettings.local();
        paths = paths != null ? List.copyOf(paths) : null;
        protectedPaths = protectedPaths != null ? List.copyOf(protectedPaths) : DEFAULT_PROTECTED;
        RepositoryPaths.check("paths", paths);
        RepositoryPaths.check("protected", protectedPaths);
        testReports = testReports != null ? List.copyOf(testReports) : List.of();
        RepositoryPaths.check("test-reports", testReports);
    }

    public ProjectSettings(String repo, String base, String test, String integration, List<HealthCheck> health,
                           PrSettings pr, List<String> paths, List<String> protectedPaths) {
        this(repo, base, test, integration, health, pr, paths, protectedPaths, null);
    }

    /**
     * A repository name reaches git as an argument: one that starts with '-' would be read as an
     * option, and a {@code transport::} address (git's ext:: runs a command) is not a repository.
     */
    private static void checkRepo(String repo) {
        if (repo.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidSettingException("repo", "contains a control character; name the repository's URL or"
                    + " local path on one line");
        }
        if (repo.startsWith("-")) {
            throw new InvalidSettingException("repo", "\"" + repo + "\" starts with '-', which git would read as an"
                    + " option; name the repository's URL or local path");
        }
        if (repo.matches("^[A-Za-z][A-Za-z0-9+.-]*::.*")) {
            throw new InvalidSettingException("repo", "\"" + repo + "\" names a git remote helper, which can run"
                    + " commands; name the repository's URL or local path");
        }
    }
}
