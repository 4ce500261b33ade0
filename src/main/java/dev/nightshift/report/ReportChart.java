package dev.nightshift.report;

import dev.nightshift.store.HistoryRepository;
import dev.nightshift.store.Records.Batch;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * How did the last batches go? Succeeded and failed projects of the last 14 batches, and the cost
 * of each of the last 14 days, as bars for a small inline SVG and as lines of text.
 */
@Component
public class ReportChart {

    static final int BATCHES = 14;
    static final int DAYS = 14;
    private static final int BAR = 14;
    private static final int GAP = 4;
    private static final int TOP = 22;
    private static final int PLOT = 64;
    private static final int PANEL = BATCHES * (BAR + GAP);
    private static final int DAYS_X = PANEL + 40;

    private final HistoryRepository history;

    public ReportChart(HistoryRepository history) {
        this.history = history;
    }

    /** The chart as of {@code batch}: its own and earlier batches, the days up to {@code asOf}. */
    public ReportModel.Chart chart(Batch batch, Instant asOf, ZoneId zone) {
        List<Batch> newestFirst = history.workingUpTo(batch.startedAt(), BATCHES);
        List<Batch> batches = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(batches);
        Map<String, HistoryRepository.Tally> tallies = history.tallies(batches.stream().map(Batch::id).toList());
        int most = Math.max(1, tallies.values().stream().mapToInt(t -> t.succeeded() + t.failed()).max().orElse(1));
        int bottom = TOP + PLOT;
        List<ReportModel.Bar> batchBars = new ArrayList<>();
        List<String> batchLines = new ArrayList<>();
        int succeeded = 0;
        int failed = 0;
        for (int i = 0; i < batches.size(); i++) {
            Batch b = batches.get(i);
            HistoryRepository.Tally t = tallies.getOrDefault(b.id(), new HistoryRepository.Tally(0, 0));
            int ok = t.succeeded() * PLOT / most;
            int bad = t.failed() * PLOT / most;
            String label = b.id() + ": " + t.succeeded() + " succeeded, " + t.failed() + " failed";
            batchBars.add(new ReportModel.Bar(i * (BAR + GAP), bottom - ok, ok, bottom - ok - bad, bad, label));
            batchLines.add(label);
            succeeded += t.succeeded();
            failed += t.failed();
        }
        LocalDate last = LocalDate.ofInstant(asOf, zone);
        LocalDate first = last.minusDays(DAYS - 1L);
        Map<LocalDate, BigDecimal> costs = history.costPerDay(first.atStartOfDay(zone).toInstant(), asOf, zone);
        BigDecimal highest = costs.values().stream().max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        BigDecimal max = highest.max(new BigDecimal("0.01"));
        BigDecimal total = BigDecimal.ZERO;
        List<ReportModel.Bar> dayBars = new ArrayList<>();
        List<String> dayLines = new ArrayList<>();
        int i = 0;
        for (Map.Entry<LocalDate, BigDecimal> day : costs.entrySet()) {
            int h = day.getValue().multiply(BigDecimal.valueOf(PLOT)).divide(max, 0, RoundingMode.HALF_UP).intValue();
            String label = day.getKey() + ": " + ReportData.money(day.getValue());
            dayBars.add(new ReportModel.Bar(DAYS_X + i * (BAR + GAP), bottom - h, h, bottom - h, 0, label));
            dayLines.add(label);
            total = total.add(day.getValue());
            i++;
        }
        String summary = "Last " + batches.size() + " batch(es): " + succeeded + " project build(s) succeeded, " + failed
                + " failed · agent cost in the last " + DAYS + " days: " + ReportData.money(total)
                + " (most in a day: " + ReportData.money(highest) + ")";
        return new ReportModel.Chart(DAYS_X + PANEL, bottom + 6, BAR, batchBars, dayBars,
                "Last " + BATCHES + " batches: succeeded / failed", "Cost per day, last " + DAYS + " days", DAYS_X,
                summary, batchLines, dayLines);
    }
}
