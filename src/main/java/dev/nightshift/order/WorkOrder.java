package dev.nightshift.order;

import dev.nightshift.config.ProjectSettings;
import dev.nightshift.pr.ReviewPoint;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.spec.SpecFrontMatter;
import dev.nightshift.spec.SpecTask;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Everything one project's build needs, decided and read by the supervisor when it plans: the
 * build carries it out and reads nothing of the queue but the spec file's hash, so it can run
 * from the stored order alone (on this machine or another). Stored as JSON beside the plan.
 *
 * @param batchId         the batch it was planned for
 * @param project         the project's folder name under wip-specs/
 * @param spec            the spec as it was read at planning, with the hash of its text
 * @param task            the one task to do: its index, text and line in the spec file
 * @param branch          the spec's branch, {@code nightshift/<spec>}
 * @param intent          what to do about the spec's pull request
 * @param prNumber        the pull request the intent is about (open, or closed), or {@code null}
 * @param intentReason    why the intent is what it is, for the log and the owner; {@code null} for NEW
 * @param previousFailure the spec's last failed gate since its last success, or {@code null}
 * @param failuresInARow  the spec's failed batches in a row before this one (the retry budget's count)
 * @param notes           the project's notes.md as it was at planning, or {@code null}
 * @param journal         the recent entries of wip.md shown to the agent ({@code ""} when none)
 * @param settings        the project's settings as they were at planning
 * @param knownSpecs      every spec file the project had at planning, so follow-ups are filed
 *                        under a free name and never twice
 * @param review          for {@link PrIntent#ADDRESS_REVIEW}: the owner's open review points, in the
 *                        order the agent is shown them (point 1 first); empty otherwise
 */
public record WorkOrder(String batchId, String project, OrderedSpec spec, SpecTask task, String branch,
                        PrIntent intent, Integer prNumber, String intentReason, PreviousFailure previousFailure,
                        int failuresInARow, String notes, String journal, ProjectSettings settings,
                        List<KnownSpec> knownSpecs, List<ReviewPoint> review) {

    public WorkOrder {
        knownSpecs = knownSpecs != null ? List.copyOf(knownSpecs) : List.of();
        journal = journal != null ? journal : "";
        review = review != null ? List.copyOf(review) : List.of();
    }

    public WorkOrder(String batchId, String project, OrderedSpec spec, SpecTask task, String branch, PrIntent intent,
                     Integer prNumber, String intentReason, PreviousFailure previousFailure, int failuresInARow,
                     String notes, String journal, ProjectSettings settings, List<KnownSpec> knownSpecs) {
        this(batchId, project, spec, task, branch, intent, prNumber, intentReason, previousFailure, failuresInARow, notes,
                journal, settings, knownSpecs, List.of());
    }

    /**
     * The spec as the supervisor read it.
     *
     * @param path   the spec file, relative to the home (e.g. {@code wip-specs/shop/next/0001-a.md})
     * @param sha256 the SHA-256 of its text (line ends as {@code \n}), which the build checks
     */
    public record OrderedSpec(String name, String path, SpecFolder folder, String title, String body, String sha256,
                              SpecFrontMatter meta, List<SpecTask> tasks, boolean hasTaskList) {

        public OrderedSpec {
            tasks = tasks != null ? List.copyOf(tasks) : List.of();
            meta = meta != null ? meta : SpecFrontMatter.none();
        }

        /** The snapshot of a spec read from its file under {@code homeRoot}. */
        public static OrderedSpec of(Spec spec, Path homeRoot) {
            return new OrderedSpec(spec.name(), homeRoot.toAbsolutePath().relativize(spec.file().toAbsolutePath())
                    .toString(), spec.folder(), spec.title(), spec.body(), spec.hash(), spec.meta(), spec.tasks(),
                    spec.hasTaskList());
        }
    }

    /** The last failed gate the next try starts from: the batch, the outcome's name, its reason and output tail. */
    public record PreviousFailure(String batchId, String outcome, String detail, String tail) {
    }

    /** A spec file of the project at planning: its name, and its title and hash when it could be read. */
    public record KnownSpec(String name, String title, String sha256) {
    }

    /** The spec as the build's classes take it, its file where the order says it was. */
    public Spec specAt(Path homeRoot) {
        return new Spec(project, spec.name(), spec.folder(), homeRoot.resolve(spec.path()), spec.title(), spec.meta(),
                spec.tasks(), spec.hasTaskList(), spec.body(), Instant.EPOCH, spec.sha256());
    }

    /** The previous failure's output tail for the prompt, or {@code null}. */
    public String failureTail() {
        return previousFailure != null ? previousFailure.tail() : null;
    }
}
