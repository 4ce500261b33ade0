package dev.nightshift.store;

/** What the reconciliation of the spec index found about one spec file. */
public enum SpecChange {
    /** A file nightshift had not seen before. */
    NEW,
    /** Its content changed (another hash) since the index last saw it. */
    CHANGED,
    /** Its file is gone from every queue folder. */
    REMOVED,
    /** It is in another folder than the index says, and nightshift did not move it: the owner did. */
    MOVED_BY_HAND;

    public String label() {
        return switch (this) {
            case NEW -> "new";
            case CHANGED -> "changed";
            case REMOVED -> "removed";
            case MOVED_BY_HAND -> "moved by hand";
        };
    }
}
