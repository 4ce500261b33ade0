package dev.nightshift.git;

import java.util.List;
import java.util.Map;

/**
 * What the index holds beyond a tree: every file changed, and the lines each one adds.
 *
 * @param files      one entry per changed file
 * @param addedLines per path, the text of the lines it adds (binary files have none)
 */
public record StagedChange(List<FileChange> files, Map<String, List<String>> addedLines) {

    /**
     * One changed file.
     *
     * @param status  A added, M modified, D deleted, R renamed (from {@code oldPath}), C copied, T type changed
     * @param added   lines added; 0 for a binary file
     * @param deleted lines deleted; 0 for a binary file
     */
    public record FileChange(String path, String oldPath, char status, int added, int deleted, boolean binary) {

        /** The paths this change touches: a rename touches where it came from too. */
        public List<String> touched() {
            return oldPath == null || oldPath.equals(path) ? List.of(path) : List.of(oldPath, path);
        }
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    public int deletedLines() {
        return files.stream().mapToInt(FileChange::deleted).sum();
    }
}
