package dev.nightshift.order;

import dev.nightshift.store.Records.BuildResult;
import java.util.List;

/**
 * What carrying out a work order came to: the result stored for the report, and the writes to the
 * owner's queue it asks for, applied after the build in the order given.
 */
public record OrderResult(BuildResult result, List<QueueChange> changes) {

    public OrderResult {
        changes = changes != null ? List.copyOf(changes) : List.of();
    }
}
