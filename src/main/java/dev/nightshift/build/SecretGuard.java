package dev.nightshift.build;

import dev.nightshift.git.StagedChange;
import dev.nightshift.secret.SecretMasker;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Did the agent add a secret? Every added line is searched for private keys, the common token
 * shapes and the values of the configured secret variables ({@link SecretMasker#findIn}). The
 * breach names the files and the kind of secret, never the value.
 */
final class SecretGuard {

    private SecretGuard() {
    }

    static List<GuardBreach> check(StagedChange change, SecretMasker masker) {
        Set<String> files = new LinkedHashSet<>();
        Set<String> kinds = new LinkedHashSet<>();
        for (Map.Entry<String, List<String>> file : change.addedLines().entrySet()) {
            for (String line : file.getValue()) {
                List<String> found = masker.findIn(line);
                if (!found.isEmpty()) {
                    files.add(file.getKey());
                    kinds.addAll(found);
                }
            }
        }
        List<GuardBreach> breaches = new ArrayList<>();
        if (!files.isEmpty()) {
            breaches.add(new GuardBreach("added secret", List.copyOf(files),
                    "added what looks like a secret: " + String.join(", ", kinds)));
        }
        return breaches;
    }
}
