package dev.nightshift.git;

import dev.nightshift.exec.ProcessResult;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** Whether a branch exists on a repository's remote, asked of the remote itself ({@code git ls-remote}). */
@Component
public class RemoteBranches {

    /** What the remote said. */
    public enum Presence {
        PRESENT,
        ABSENT,
        /** The remote could not be asked; callers take the cautious view. */
        UNKNOWN
    }

    private final Git git;
    private final RepositoryClones clones;

    public RemoteBranches(Git git, RepositoryClones clones) {
        this.git = git;
        this.clones = clones;
    }

    public Presence of(String repo, String branch, Path workDir, Path log) {
        ProcessResult result = git.run(workDir, log, "ls-remote", "--exit-code", "--heads", clones.resolveUrl(repo),
                "refs/heads/" + branch);
        if (result.succeeded()) {
            return Presence.PRESENT;
        }
        // git ls-remote --exit-code: 2 when the remote answered without a matching ref
        return result.exitCode() == 2 && !result.timedOut() ? Presence.ABSENT : Presence.UNKNOWN;
    }
}
