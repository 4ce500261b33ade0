package dev.nightshift.config;

import java.util.List;

/**
 * Are these globs paths inside the repository? The write gate ({@code paths}, {@code protected})
 * names files of the project; a glob that climbs out with {@code ../}, starts at the root or at a
 * home folder could only ever match outside it, so it is refused where it is written.
 */
public final class RepositoryPaths {

    private RepositoryPaths() {
    }

    /** @throws InvalidSettingException naming {@code key[i]} of the first glob that leaves the repository */
    public static void check(String key, List<String> globs) {
        if (globs == null) {
            return;
        }
        for (int i = 0; i < globs.size(); i++) {
            String glob = globs.get(i);
            String where = key + "[" + i + "]";
            if (glob == null || glob.isBlank()) {
                throw new InvalidSettingException(where, "is empty; write a path inside the repository such as \"src/**\"");
            }
            if (glob.startsWith("/") || glob.startsWith("~") || glob.matches("^[A-Za-z]:[\\\\/].*")) {
                throw new InvalidSettingException(where, "\"" + glob + "\" is absolute; write a path inside the"
                        + " repository such as \"src/**\"");
            }
            if (List.of(glob.split("[/\\\\]")).contains("..")) {
                throw new InvalidSettingException(where, "\"" + glob + "\" climbs out of the repository with \"..\";"
                        + " write a path inside it such as \"src/**\"");
            }
        }
    }
}
