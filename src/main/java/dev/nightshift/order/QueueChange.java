package dev.nightshift.order;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.nightshift.spec.SpecTask;
import java.time.Instant;

/**
 * A write to the owner's queue that a build asks for: the build never writes wip-specs/ or wip.md
 * itself (it may run on another machine), it returns these with its result, and one class applies
 * them, in order, after the build. Each is about the work order's project and spec.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "change")
@JsonSubTypes({
        @JsonSubTypes.Type(value = QueueChange.Block.class, name = "block"),
        @JsonSubTypes.Type(value = QueueChange.Activate.class, name = "activate"),
        @JsonSubTypes.Type(value = QueueChange.Tick.class, name = "tick"),
        @JsonSubTypes.Type(value = QueueChange.FileFollowUp.class, name = "follow-up"),
        @JsonSubTypes.Type(value = QueueChange.Journal.class, name = "journal"),
        @JsonSubTypes.Type(value = QueueChange.SettleReview.class, name = "settle-review")})
public sealed interface QueueChange {

    /** The spec goes to blocked/, with {@code reason} in its {@code <spec>.why.md}. */
    record Block(String reason) implements QueueChange {
    }

    /** The spec goes from next/ to active/ (work started on its branch); one already in active/ stays. */
    record Activate(String reason) implements QueueChange {
    }

    /** The task is ticked in the spec file: its gate passed and the work was pushed. */
    record Tick(SpecTask task) implements QueueChange {
    }

    /**
     * Discovered work filed as a new spec in the project's next/: {@code name} was free at
     * planning; {@code text} is the agent's draft, masked, with {@code origin: agent}.
     */
    record FileFollowUp(String name, String text) implements QueueChange {
    }

    /** One entry in wip.md about the spec's task: what the run came to, and the agent's note. */
    record Journal(Instant at, String task, String outcome, String note) implements QueueChange {
    }

    /**
     * The owner's review file of a local pull request ({@code <spec>.review.md}) is answered: it
     * becomes {@code <spec>.review.done.md}, with {@code answers} after it. {@code read} names the
     * points nightshift had read of it ({@code KIND:id}); a point written into the file since is
     * not answered, and the file then stays for the next batch. {@code null}: not known.
     */
    record SettleReview(String answers, java.util.List<String> read) implements QueueChange {

        public SettleReview(String answers) {
            this(answers, null);
        }
    }
}
