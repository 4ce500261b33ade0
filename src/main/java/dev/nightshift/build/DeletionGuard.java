package dev.nightshift.build;

import dev.nightshift.git.StagedChange;
import dev.nightshift.git.StagedChange.FileChange;
import dev.nightshift.spec.SpecTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Did the agent delete more than a human should review unprompted? More than
 * {@code max-deleted-lines} lines in all, or a whole file the task's text does not name (by its
 * path or its file name).
 */
final class DeletionGuard {

    private DeletionGuard() {
    }

    static List<GuardBreach> check(StagedChange change, SpecTask task, int maxDeletedLines) {
        List<GuardBreach> breaches = new ArrayList<>();
        int deleted = change.deletedLines();
        if (deleted > maxDeletedLines) {
            List<String> most = change.files().stream().filter(f -> f.deleted() > 0)
                    .sorted(Comparator.comparingInt(FileChange::deleted).reversed()).limit(10)
                    .map(f -> f.path() + " (-" + f.deleted() + ")").toList();
            breaches.add(new GuardBreach("too many deleted lines", most,
                    "deleted " + deleted + " lines, more than build.max-deleted-lines (" + maxDeletedLines + ")"));
        }
        String words = task.text().toLowerCase(Locale.ROOT);
        List<String> unnamed = change.files().stream().filter(f -> f.status() == 'D')
                .map(FileChange::path).filter(path -> !named(words, path)).toList();
        if (!unnamed.isEmpty()) {
            breaches.add(new GuardBreach("deleted files", unnamed,
                    "deleted whole files that the task does not name"));
        }
        return breaches;
    }

    private static boolean named(String taskWords, String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return taskWords.contains(lower) || taskWords.contains(Path.of(lower).getFileName().toString());
    }
}
