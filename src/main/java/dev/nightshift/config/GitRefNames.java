package dev.nightshift.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** Which names nightshift lets near git: no shell or git metacharacters, no way out of a folder. */
public final class GitRefNames {

    /** Folder and file names in wip-specs: anything else is rejected with a clear message and skipped. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    /** Longer names make branch names and paths that some tools cut short. */
    public static final int MAX_NAME_LENGTH = 100;

    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");

    private GitRefNames() {
    }

    public static boolean isSafeName(String name) {
        return nameProblem(name).isEmpty();
    }

    /**
     * Why a project or spec name cannot be used, or empty when it can. The name becomes a folder
     * and the branch {@code nightshift/<name>}, so it must be a plain, safe, valid git ref part.
     */
    public static Optional<String> nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("is empty");
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of("uses characters outside a-z, 0-9, '.', '_', '-' or does not start with a letter or digit");
        }
        if (name.contains("..")) {
            return Optional.of("contains \"..\", which git does not allow in a branch name");
        }
        if (name.endsWith(".lock")) {
            return Optional.of("ends in \".lock\", which git does not allow in a branch name");
        }
        if (name.endsWith(".")) {
            return Optional.of("ends in \".\", which git does not allow in a branch name");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return Optional.of("is longer than " + MAX_NAME_LENGTH + " characters");
        }
        return Optional.empty();
    }

    public static boolean isSafeBranch(String branch) {
        return branch != null && BRANCH.matcher(branch).matches() && !branch.contains("..")
                && !branch.contains("//") && !branch.endsWith("/") && !branch.endsWith(".lock")
                && !branch.endsWith(".") && branch.length() <= 200;
    }
}
