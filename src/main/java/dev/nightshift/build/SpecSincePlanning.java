package dev.nightshift.build;

import dev.nightshift.order.WorkOrder;
import dev.nightshift.spec.SpecParser;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Has the spec's file changed since its order was planned? An edit (or a file gone) means the
 * order is not carried out: the next batch plans the spec again from its new text. Asked by
 * {@link Preflight} where the queue is, and on a cluster by the batch's node before it sends the
 * order to a worker, which has no queue.
 */
public final class SpecSincePlanning {

    private SpecSincePlanning() {
    }

    /** @return why the order may not be carried out as planned; empty when its spec is as planned */
    public static Optional<String> change(Path homeRoot, WorkOrder order) {
        String path = order.spec().path();
        Optional<String> now = SpecParser.hashOf(homeRoot.resolve(path));
        if (now.isEmpty()) {
            return Optional.of(path + " is gone since planning: not built; the next batch plans again");
        }
        if (!now.get().equals(order.spec().sha256())) {
            return Optional.of(path + " changed since planning: not built as planned; the next batch plans it again"
                    + " from its new text");
        }
        return Optional.empty();
    }
}
