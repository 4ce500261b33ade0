package dev.nightshift.build;

import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.ProjectSettings;
import dev.nightshift.git.ChangeReader;
import dev.nightshift.git.Git;
import dev.nightshift.git.StagedChange;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The guards on the agent's change, before the gate: the write gate (paths, protected paths),
 * deletions, and added secrets. They judge the candidate commit nightshift made from the agent's
 * files against what was last published: this run's work and work kept from earlier attempts,
 * but nothing that came from base. A breach holds the change for a human: it is kept on a local
 * branch that is never pushed.
 */
@Component
class ChangeGuards {

    /** What the guards saw and what they objected to. */
    public record Verdict(StagedChange change, List<GuardBreach> breaches) {
        public boolean passed() {
            return breaches.isEmpty();
        }
    }

    private final NightshiftSettings settings;
    private final SecretMasker masker;
    private final BranchWork branches;
    private final ChangeReader reader;
    private final Git git;

    public ChangeGuards(NightshiftSettings settings, SecretMasker masker, BranchWork branches, ChangeReader reader,
                        Git git) {
        this.settings = settings;
        this.masker = masker;
        this.branches = branches;
        this.reader = reader;
        this.git = git;
    }

    /** Checks one commit of nightshift's, the candidate, against what was last published. */
    public Verdict check(Path clone, String candidate, ProjectSettings project, Spec spec, SpecTask task, Path gitLog) {
        String published = branches.publishedTree(clone, spec.branch(), project.base(), gitLog);
        StagedChange change = reader.between(clone, published, candidate, gitLog);
        List<GuardBreach> breaches = new ArrayList<>();
        breaches.addAll(WriteGate.check(change, project, spec));
        breaches.addAll(DeletionGuard.check(change, task, settings.build().maxDeletedLines()));
        breaches.addAll(SecretGuard.check(change, masker));
        return new Verdict(change, List.copyOf(breaches));
    }

    /**
     * Keeps the checked candidate on the local branch {@code nightshift-held/<spec>/<batch>} and
     * puts the spec's branch back to what was last published, so no later batch builds on it.
     *
     * @return the held branch's name
     */
    public String hold(Path clone, Spec spec, String candidate, String base, String batchId, Path gitLog) {
        String published = branches.publishedPoint(clone, spec.branch(), base, gitLog);
        String held = "nightshift-held/" + spec.name() + "/" + batchId;
        git.out(clone, gitLog, "branch", "--force", held, candidate);
        branches.reset(clone, spec.branch(), published, gitLog);
        return held;
    }

    /** The breaches as Markdown, for the spec's .why.md and the report. */
    static String describe(List<GuardBreach> breaches) {
        StringBuilder text = new StringBuilder();
        for (GuardBreach breach : breaches) {
            text.append("- **").append(breach.guard()).append("**: the agent ").append(breach.why()).append(":\n");
            breach.files().forEach(f -> text.append("  - `").append(f).append("`\n"));
        }
        return text.toString();
    }
}
