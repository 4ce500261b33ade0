package dev.nightshift.store;

import dev.nightshift.store.Records.AgentRun;
import dev.nightshift.store.Records.Batch;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The last batches at a glance, for the report's chart, {@code status} and the supervisor's risks.
 * Every query is bounded and indexed, so a year of history costs what a week does.
 */
@Repository
public class HistoryRepository {

    /** How a batch's projects came out. */
    public record Tally(int succeeded, int failed) {
    }

    private final JdbcClient jdbc;

    public HistoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest batches that did work and started at or before {@code upTo}, newest first. */
    public List<Batch> workingUpTo(Instant upTo, int limit) {
        return jdbc.sql("""
                SELECT * FROM batches WHERE started_at <= ? AND dry_run = FALSE
                    AND status IN ('SUCCEEDED', 'FAILED', 'STOPPED', 'CRASHED', 'RUNNING')
                ORDER BY started_at DESC, id DESC LIMIT ?""").params(upTo, limit).query(Rows.of(Batch.class)).list();
    }

    /** Succeeded and failed projects per batch, for the given batches only. */
    public Map<String, Tally> tallies(Collection<String> batchIds) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        batchIds.forEach(id -> counts.put(id, new int[2]));
        if (batchIds.isEmpty()) {
            return Map.of();
        }
        jdbc.sql("SELECT batch_id, outcome, COUNT(*) AS n FROM build_results WHERE batch_id IN (:ids) GROUP BY batch_id, outcome")
                .param("ids", List.copyOf(batchIds))
                .query((rs, row) -> {
                    BuildOutcome outcome = BuildOutcome.valueOf(rs.getString("outcome"));
                    int[] c = counts.get(rs.getString("batch_id"));
                    if (c != null && outcome.succeeded()) {
                        c[0] += rs.getInt("n");
                    } else if (c != null && outcome.failed()) {
                        c[1] += rs.getInt("n");
                    }
                    return null;
                }).list();
        Map<String, Tally> tallies = new LinkedHashMap<>();
        counts.forEach((id, c) -> tallies.put(id, new Tally(c[0], c[1])));
        return tallies;
    }

    /** What the agent runs cost per local day, for every day from {@code from} up to {@code to}. */
    public Map<LocalDate, BigDecimal> costPerDay(Instant from, Instant to, ZoneId zone) {
        Map<LocalDate, BigDecimal> days = new TreeMap<>();
        for (LocalDate d = LocalDate.ofInstant(from, zone); !d.isAfter(LocalDate.ofInstant(to, zone)); d = d.plusDays(1)) {
            days.put(d, BigDecimal.ZERO);
        }
        jdbc.sql("SELECT started_at, cost_usd FROM agent_runs WHERE started_at >= ? AND started_at <= ? AND cost_usd IS NOT NULL")
                .params(from, to)
                .query((rs, row) -> {
                    Instant at = rs.getObject("started_at", java.time.OffsetDateTime.class).toInstant();
                    days.merge(LocalDate.ofInstant(at, zone), rs.getBigDecimal("cost_usd"), BigDecimal::add);
                    return null;
                }).list();
        return days;
    }

    /** Agent runs of the given batches that timed out (build and fix runs; not the supervisor's review). */
    public List<AgentRun> timedOutRuns(Collection<String> batchIds) {
        if (batchIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM agent_runs WHERE batch_id IN (:ids) AND timed_out = TRUE AND purpose <> 'review' ORDER BY id")
                .param("ids", List.copyOf(batchIds)).query(Rows.of(AgentRun.class)).list();
    }

    /** The newest integration run of a project that started at or before {@code upTo}. */
    public java.util.Optional<Records.IntegrationRun> integrationAsOf(String project, Instant upTo) {
        return jdbc.sql("SELECT * FROM integration_runs WHERE project = ? AND started_at <= ? ORDER BY id DESC LIMIT 1")
                .params(project, upTo).query(Rows.of(Records.IntegrationRun.class)).optional();
    }

    /** What the agent runs that started in {@code [from, to)} cost. */
    public BigDecimal spend(Instant from, Instant to) {
        BigDecimal sum = jdbc.sql("SELECT COALESCE(SUM(cost_usd), 0) FROM agent_runs WHERE started_at >= ? AND started_at < ?")
                .params(from, to).query(BigDecimal.class).single();
        return sum == null ? BigDecimal.ZERO : sum;
    }

    /** Pull requests found closed without merge between the two instants (a batch's own verdicts). */
    public List<Records.PullRequest> closedBetween(Instant from, Instant to) {
        return jdbc.sql("SELECT * FROM pull_requests WHERE state = 'CLOSED' AND closed_at >= ? AND closed_at <= ? ORDER BY project, number")
                .params(from, to).query(Rows.of(Records.PullRequest.class)).list();
    }

    /**
     * What a spec merged in {@code [from, to)} cost: every agent run on it, in every batch.
     *
     * @param costUsd {@code null} when none of its runs reported a cost
     */
    public record MergedCost(String project, String spec, Instant mergedAt, BigDecimal costUsd) {
    }

    /** The specs whose pull request was merged in {@code [from, to)}, in the order they were merged. */
    public List<MergedCost> mergedCosts(Instant from, Instant to) {
        return jdbc.sql("""
                SELECT pr.project, pr.spec, pr.closed_at AS merged_at,
                       (SELECT SUM(a.cost_usd) FROM agent_runs a WHERE a.project = pr.project AND a.spec = pr.spec) AS cost_usd
                FROM pull_requests pr WHERE pr.state = 'MERGED' AND pr.closed_at >= ? AND pr.closed_at < ?
                ORDER BY pr.closed_at, pr.id""").params(from, to)
                .query((rs, row) -> new MergedCost(rs.getString("project"), rs.getString("spec"),
                        rs.getObject("merged_at", java.time.OffsetDateTime.class).toInstant(), rs.getBigDecimal("cost_usd")))
                .list();
    }

    /** Merged or closed pull requests, the most recently finished first. */
    public List<Records.PullRequest> finishedPullRequests(int limit) {
        return jdbc.sql("SELECT * FROM pull_requests WHERE state <> 'OPEN' ORDER BY updated_at DESC, id DESC LIMIT ?")
                .param(limit).query(Rows.of(Records.PullRequest.class)).list();
    }
}
