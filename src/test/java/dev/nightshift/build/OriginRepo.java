package dev.nightshift.build;

import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Commits to a test home's bare origin as another developer would: a clone, a commit, a push. */
final class OriginRepo {

    private OriginRepo() {
    }

    /** Writes {@code files} (path to content; {@code null} deletes) on {@code branch} and pushes it. */
    static void commit(TestHome home, Path scratch, String branch, Map<String, String> files, String message) {
        try {
            Path work = Files.createTempDirectory(scratch, "dev-");
            TestHome.gitOut(scratch, "clone", "--quiet", "--branch", branch, home.origin().toString(), work.toString());
            for (Map.Entry<String, String> file : files.entrySet()) {
                if (file.getValue() == null) {
                    TestHome.gitOut(work, "rm", "--quiet", file.getKey());
                } else {
                    TestHome.write(work.resolve(file.getKey()), file.getValue());
                }
            }
            TestHome.gitOut(work, "add", "--all");
            TestHome.gitOut(work, "commit", "--quiet", "-m", message);
            TestHome.gitOut(work, "push", "--quiet", "origin", "HEAD:refs/heads/" + branch);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String show(TestHome home, String ref, String path) {
        return TestHome.gitOut(home.origin(), "show", ref + ":" + path);
    }

    static String log(TestHome home, String ref) {
        return TestHome.gitOut(home.origin(), "log", "--format=%s", ref);
    }
}
