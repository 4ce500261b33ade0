package dev.nightshift.report;

import dev.nightshift.store.BatchStatus;
import dev.nightshift.store.HistoryRepository;
import dev.nightshift.store.Records.Batch;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * How did the last batches go? Succeeded and failed projects of the last 14 batches, and the cost
 * of each of the last 14 days, as rows of bars drawn with table cells (mail clients strip or drop
 * SVG; a coloured cell shows everywhere) with the numbers beside them as text, and as lines of
 * text for the text report.
 */
@Component
public class ReportChart {

    static final int BATCHES = 14;
    static final int DAYS = 14;
    /** The widest bar, in pixels: the batch with the most builds, the day that cost most. */
    static final int WIDEST = 120;
    private static final DateTimeFormatter BATCH_LABEL = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    private static final DateTimeFormatter DAY_LABEL = DateTimeFormatter.ofPattern("MM-dd EEE", Locale.ROOT);

    private final HistoryRepository history;

    public ReportChart(HistoryRepository history) {
        this.history = history;
    }

    /** The chart as of {@code batch}: its own and earlier batches, the days up to {@code asOf}. */
    public ReportModel.Chart chart(Batch batch, Instant asOf, ZoneId zone) {
        List<Batch> batches = new ArrayList<>(history.workingUpTo(batch.startedAt(), BATCHES));
        Collections.reverse(batches);
        Map<String, HistoryRepository.Tally> tallies = history.tallies(batches.stream().map(Batch::id).toList());
        int most = Math.max(1, tallies.values().stream().mapToInt(t -> t.succeeded() + t.failed()).max().orElse(1));
        List<ReportModel.Row> batchRows = new ArrayList<>();
        List<String> batchLines = new ArrayList<>();
        int succeeded = 0;
        int failed = 0;
        int died = 0;
        for (Batch b : batches) {
            String label = BATCH_LABEL.format(b.startedAt().atZone(zone));
            if (died(b, batch)) {
                batchRows.add(new ReportModel.Row(label, 0, 0, "died", true));
                batchLines.add(b.id() + ": died");
                died++;
                continue;
            }
            HistoryRepository.Tally t = tallies.getOrDefault(b.id(), new HistoryRepository.Tally(0, 0));
            String figures = t.succeeded() + " succeeded, " + t.failed() + " failed";
            batchRows.add(new ReportModel.Row(label, width(t.succeeded(), most), width(t.failed(), most), figures, false));
            batchLines.add(b.id() + ": " + figures);
            succeeded += t.succeeded();
            failed += t.failed();
        }
        LocalDate last = LocalDate.ofInstant(asOf, zone);
        LocalDate first = last.minusDays(DAYS - 1L);
        Map<LocalDate, BigDecimal> costs = history.costPerDay(first.atStartOfDay(zone).toInstant(), asOf, zone);
        BigDecimal highest = costs.values().stream().max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        BigDecimal max = highest.max(new BigDecimal("0.01"));
        BigDecimal total = BigDecimal.ZERO;
        List<ReportModel.Row> dayRows = new ArrayList<>();
        List<String> dayLines = new ArrayList<>();
        for (Map.Entry<LocalDate, BigDecimal> day : costs.entrySet()) {
            int w = day.getValue().multiply(BigDecimal.valueOf(WIDEST)).divide(max, 0, RoundingMode.HALF_UP).intValue();
            String money = ReportData.money(day.getValue());
            dayRows.add(new ReportModel.Row(DAY_LABEL.format(day.getKey()), w, 0, money, false));
            dayLines.add(day.getKey() + ": " + money);
            total = total.add(day.getValue());
        }
        String summary = "Last " + batches.size() + " batch(es): " + succeeded + " project build(s) succeeded, " + failed
                + " failed" + (died > 0 ? ", " + died + " batch(es) died" : "") + " · agent cost in the last " + DAYS
                + " days: " + ReportData.money(total) + " (most in a day: " + ReportData.money(highest) + ")";
        return new ReportModel.Chart(batchRows, dayRows, "Last " + BATCHES + " batches: succeeded / failed",
                "Cost per day, last " + DAYS + " days", summary, batchLines, dayLines);
    }

    /**
     * A batch whose process died: recovered as such, or still marked running while another batch
     * reports (a dry run does not recover it). Its empty tally would read as "0 succeeded, 0 failed".
     */
    private static boolean died(Batch b, Batch reporting) {
        return b.status() == BatchStatus.CRASHED || b.status() == BatchStatus.RUNNING && !b.id().equals(reporting.id());
    }

    /** A bar's width for {@code count} of {@code most}; at least a sliver for any count above zero. */
    private static int width(int count, int most) {
        return count == 0 ? 0 : Math.max(2, count * WIDEST / most);
    }
}
