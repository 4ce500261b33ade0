package dev.nightshift.config;

import java.util.regex.Pattern;

/** Which names nightshift lets near git: no shell or git metacharacters, no way out of a folder. */
public final class GitRefNames {

    /** Folder and file names in wip-specs (PRODUCT.md). */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");

    private GitRefNames() {
    }

    public static boolean isSafeName(String name) {
        return name != null && NAME.matcher(name).matches() && !name.contains("..") && !name.endsWith(".lock")
                && name.length() <= 100;
    }

    public static boolean isSafeBranch(String branch) {
        return branch != null && BRANCH.matcher(branch).matches() && !branch.contains("..")
                && !branch.contains("//") && !branch.endsWith("/") && !branch.endsWith(".lock")
                && branch.length() <= 200;
    }
}
