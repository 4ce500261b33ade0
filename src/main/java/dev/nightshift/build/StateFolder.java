package dev.nightshift.build;

import dev.nightshift.git.Git;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Nothing under {@code .nightshift/} reaches the remote. {@code git add} skips it (the clone's
 * info/exclude) and {@link BranchWork#stageWork} unstages what the agent force-added; this class
 * covers the last way in: commits the agent made itself. When one of the unpublished commits
 * touches {@code .nightshift/}, they are replaced, before the push, by one commit of the same
 * tree without it, on the same parents.
 */
@Component
public class StateFolder {

    private static final Logger log = LoggerFactory.getLogger(StateFolder.class);
    static final String FOLDER = ".nightshift";

    private final Git git;
    private final BranchWork branches;

    public StateFolder(Git git, BranchWork branches) {
        this.git = git;
        this.branches = branches;
    }

    /** @return whether the unpublished commits had to be squashed */
    public boolean keepOutOfHistory(Path worktree, String branch, String base, String message, Path gitLog) {
        String since = branches.publishedPoint(worktree, branch, base, gitLog);
        String touching = git.out(worktree, gitLog, "rev-list", since + "..HEAD", "--", FOLDER);
        if (touching.isBlank()) {
            return false;
        }
        log.warn("the agent committed files under {}/; its unpublished commits become one commit without them", FOLDER);
        git.out(worktree, gitLog, "rm", "-r", "-q", "--cached", "--ignore-unmatch", "--", FOLDER);
        // a project that tracks a .nightshift/ of its own keeps base's version of it
        git.out(worktree, gitLog, "reset", "-q", BranchWork.remote(base), "--", FOLDER);
        String tree = git.out(worktree, gitLog, "write-tree");
        String baseHead = git.out(worktree, gitLog, "rev-parse", BranchWork.remote(base));
        List<String> command = new ArrayList<>(List.of("commit-tree", tree));
        if (branches.isAncestor(worktree, since, baseHead, gitLog)) {
            command.addAll(List.of("-p", baseHead));
        } else {
            command.addAll(List.of("-p", since));
            if (!branches.isAncestor(worktree, baseHead, since, gitLog)) {
                command.addAll(List.of("-p", baseHead));
            }
        }
        command.addAll(List.of("-m", message + "\n\n(nightshift squashed the agent's commits: they held files under "
                + FOLDER + "/, which are never published.)"));
        String commit = git.out(worktree, gitLog, command.toArray(String[]::new));
        git.out(worktree, gitLog, "reset", "--soft", "--quiet", commit);
        return true;
    }
}
