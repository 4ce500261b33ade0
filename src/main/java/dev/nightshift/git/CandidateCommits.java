package dev.nightshift.git;

import dev.nightshift.config.Home;
import dev.nightshift.io.WorkingCopyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The commit nightshift makes, in its own clone, from the files of a working copy: the one commit
 * that is then judged, tested and pushed. The working copy is read as files only, through a
 * temporary index of nightshift's: its {@code .git} (the agent's index, config, hooks, commits)
 * is never consulted, and its {@code .nightshift/} never committed. Symbolic links are stored as
 * links and never followed, executable bits are kept, and the project's own {@code .gitignore}
 * files leave out what the build writes. Author and committer are nightshift.
 */
@Component
public class CandidateCommits {

    /** The state folder of a working copy: the agent's note and follow-ups, never committed. */
    static final String STATE_FOLDER = ".nightshift";

    private final Home home;
    private final Git git;

    public CandidateCommits(Home home, Git git) {
        this.home = home;
        this.git = git;
    }

    /**
     * Commits the files of {@code copy} on {@code branch} of the clone, on top of {@code parents}
     * (the first is the branch's current commit; a second makes a merge commit).
     *
     * @return the new commit, or empty when the files are exactly the first parent's (nothing to keep)
     */
    public Optional<String> commit(Path clone, Path copy, String branch, List<String> parents, String message,
                                   Path log) {
        if (!WorkingCopyFiles.isRealFolderUnder(home.state(), copy)) {
            throw new GitException("the working copy " + copy + " is no longer a folder of nightshift's (gone, or"
                    + " replaced by a link): nothing was read from it");
        }
        Path gitDir = clone.resolve(".git").toAbsolutePath();
        Path index;
        try {
            index = Files.createTempFile(gitDir, "nightshift-index-", "");
            Files.delete(index);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary index in " + gitDir, e);
        }
        Map<String, String> env = Map.of("GIT_INDEX_FILE", index.toString());
        List<String> here = List.of("--git-dir=" + gitDir, "--work-tree=" + copy.toAbsolutePath(),
                "-c", "core.fileMode=true", "-c", "core.symlinks=true", "-c", "core.ignoreCase=false");
        String first = parents.get(0);
        try {
            run(copy, log, env, here, "read-tree", first);
            run(copy, log, env, here, "add", "--all", "--", ".");
            run(copy, log, env, here, "rm", "-r", "-q", "--cached", "--ignore-unmatch", "--", STATE_FOLDER);
            if (git.ok(clone, log, "cat-file", "-e", first + ":" + STATE_FOLDER)) {
                // a project that tracks a .nightshift/ of its own keeps its version of it
                run(copy, log, env, here, "reset", "-q", first, "--", STATE_FOLDER);
            }
            dropNewGitlinks(copy, log, env, here, clone, first);
            String tree = run(copy, log, env, here, "write-tree");
            if (parents.size() == 1 && tree.equals(git.out(clone, log, "rev-parse", first + "^{tree}"))) {
                return Optional.empty();
            }
            List<String> commitTree = new ArrayList<>(List.of("commit-tree", tree));
            parents.forEach(p -> commitTree.addAll(List.of("-p", p)));
            commitTree.addAll(List.of("-m", message));
            String commit = git.out(clone, log, commitTree.toArray(String[]::new));
            git.out(clone, log, "update-ref", "-m", "nightshift: candidate", "refs/heads/" + branch, commit, first);
            return Optional.of(commit);
        } finally {
            try {
                Files.deleteIfExists(index);
                Files.deleteIfExists(Path.of(index + ".lock"));
            } catch (IOException e) {
                // a leftover temporary index in nightshift's .git harms nothing
            }
        }
    }

    /**
     * A folder of the copy that holds a repository of its own would be committed as a link to a
     * commit nobody can see (a gitlink): its files would pass no guard. Only the gitlinks the
     * project already had are kept.
     */
    private void dropNewGitlinks(Path copy, Path log, Map<String, String> env, List<String> here, Path clone,
                                 String first) {
        for (String entry : run(copy, log, env, here, "ls-files", "--stage", "-z").split("\0")) {
            String trimmed = entry.strip();
            if (!trimmed.startsWith("160000 ")) {
                continue;
            }
            String path = trimmed.substring(trimmed.indexOf('\t') + 1);
            if (!git.run(clone, log, "ls-tree", first, "--", path).stdout().startsWith("160000 ")) {
                run(copy, log, env, here, "rm", "-q", "-f", "--cached", "--", path);
            }
        }
    }

    /** The branch's current commit in the clone. */
    public String tip(Path clone, String branch, Path log) {
        return git.out(clone, log, "rev-parse", "--verify", "refs/heads/" + branch + "^{commit}");
    }

    private String run(Path copy, Path log, Map<String, String> env, List<String> here, String... args) {
        List<String> all = new ArrayList<>(here);
        all.addAll(List.of(args));
        return git.out(copy, log, env, all.toArray(String[]::new));
    }
}
