package dev.nightshift.spec;

import java.util.Locale;

/** The queue folders of a project; a spec lives in exactly one. */
public enum SpecFolder {
    /** Queued by the owner (or filed by the agent as discovered work). */
    NEXT,
    /** Has a branch and pull request in progress. */
    ACTIVE,
    /** Its pull request was merged. */
    DONE,
    /** Needs a human; {@code <spec>.why.md} beside it says why. */
    BLOCKED;

    public String folderName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SpecFolder fromFolderName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
