package dev.nightshift.git;

import dev.nightshift.git.StagedChange.FileChange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Reads what a commit changes against a tree, both in nightshift's clone: files, line counts,
 * added lines. A rename is read as what it does to each path, a deletion of the old one and an
 * addition of the new one, so that no guard on deletions is passed by moving a file away.
 */
@Component
public class ChangeReader {

    private final Git git;

    public ChangeReader(Git git) {
        this.git = git;
    }

    public StagedChange between(Path clone, String tree, String commit, Path log) {
        Map<String, int[]> numbers = new HashMap<>();
        Map<String, Boolean> binary = new HashMap<>();
        List<String> numstat = split(git.out(clone, log, "-c", "core.quotepath=off", "diff", "--no-renames", "--no-ext-diff",
                "--no-textconv", "--numstat", "-z", tree, commit));
        for (int i = 0; i < numstat.size(); i++) {
            String[] fields = numstat.get(i).split("\t", 3);
            if (fields.length < 3) {
                continue;
            }
            String path = fields[2];
            if (path.isEmpty() && i + 2 < numstat.size()) {
                // a rename: "added TAB deleted TAB" NUL old NUL new
                path = numstat.get(i + 2);
                i += 2;
            }
            boolean isBinary = "-".equals(fields[0]);
            numbers.put(path, new int[] {isBinary ? 0 : Integer.parseInt(fields[0]), isBinary ? 0 : Integer.parseInt(fields[1])});
            binary.put(path, isBinary);
        }
        List<FileChange> files = new ArrayList<>();
        List<String> status = split(git.out(clone, log, "-c", "core.quotepath=off", "diff", "--no-renames", "--no-ext-diff",
                "--no-textconv", "--name-status", "-z", tree, commit));
        for (int i = 0; i < status.size(); i++) {
            String code = status.get(i);
            if (code.isEmpty()) {
                continue;
            }
            char kind = code.charAt(0);
            String oldPath = null;
            String path;
            if ((kind == 'R' || kind == 'C') && i + 2 < status.size()) {
                oldPath = status.get(i + 1);
                path = status.get(i + 2);
                i += 2;
            } else if (i + 1 < status.size()) {
                path = status.get(i + 1);
                i += 1;
            } else {
                break;
            }
            int[] n = numbers.getOrDefault(path, new int[2]);
            files.add(new FileChange(path, oldPath, kind, n[0], n[1], binary.getOrDefault(path, false)));
        }
        return new StagedChange(files, addedLines(clone, tree, commit, log));
    }

    private Map<String, List<String>> addedLines(Path clone, String tree, String commit, Path log) {
        Map<String, List<String>> added = new LinkedHashMap<>();
        String diff = git.run(clone, log, "-c", "core.quotepath=off", "diff", "--no-renames", "-U0",
                "--no-color", "--no-ext-diff", "--no-textconv", tree, commit).stdout();
        List<String> current = null;
        boolean header = false;
        for (String line : diff.split("\n", -1)) {
            if (line.startsWith("diff --git ")) {
                current = null;
                header = true;
            } else if (header && line.startsWith("+++ ")) {
                String target = line.substring(4);
                current = target.startsWith("b/") ? added.computeIfAbsent(target.substring(2), k -> new ArrayList<>()) : null;
            } else if (line.startsWith("@@")) {
                header = false;
            } else if (!header && current != null && line.startsWith("+")) {
                current.add(line.substring(1));
            }
        }
        return added;
    }

    private static List<String> split(String zeroSeparated) {
        List<String> parts = new ArrayList<>(List.of(zeroSeparated.split("\0", -1)));
        parts.replaceAll(p -> p.startsWith("\n") ? p.substring(1) : p);
        return parts;
    }
}
