package dev.nightshift.report;

import dev.nightshift.store.HistoryRepository.MergedCost;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

/**
 * What does a merged change cost? The agent cost of each spec whose pull request was merged this
 * month (all its runs, in every batch) and the month's average, as one line of the spend section.
 */
final class MergeCosts {

    private MergeCosts() {
    }

    /** @return {@code null} when nothing was merged this month */
    static String line(List<MergedCost> merged) {
        if (merged.isEmpty()) {
            return null;
        }
        List<BigDecimal> known = merged.stream().map(MergedCost::costUsd).filter(Objects::nonNull).toList();
        String each = String.join(", ", merged.stream().map(m -> m.project() + "/" + m.spec() + " "
                + (m.costUsd() != null ? ReportData.money(m.costUsd()) : "cost unknown")).toList());
        String average = known.isEmpty() ? "cost unknown"
                : ReportData.money(known.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                        .divide(BigDecimal.valueOf(known.size()), 6, RoundingMode.HALF_UP)) + " per merged PR on average"
                        + (known.size() < merged.size() ? " (of the " + known.size() + " with a known cost)" : "");
        return "Merged this month: " + merged.size() + " spec" + (merged.size() > 1 ? "s" : "") + ", " + average + ": "
                + each;
    }
}
