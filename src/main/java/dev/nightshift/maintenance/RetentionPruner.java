package dev.nightshift.maintenance;

import dev.nightshift.config.Home;
import dev.nightshift.config.RetentionSettings;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.store.RetentionRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What has outlived {@code retention}: report folders older than {@code reports-days}, and the
 * database records of batches older than {@code runs-days}. This month's agent runs always stay,
 * because the monthly budget is summed from them.
 */
@Component
class RetentionPruner {

    /** What was pruned, or on a dry run would have been. */
    public record Pruned(int reportFolders, int batches) {
    }

    private static final Logger log = LoggerFactory.getLogger(RetentionPruner.class);
    private static final DateTimeFormatter BATCH_DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final Home home;
    private final RetentionSettings retention;
    private final RetentionRepository records;
    private final Clock clock;

    public RetentionPruner(Home home, NightshiftSettings settings, RetentionRepository records, Clock clock) {
        this.home = home;
        this.retention = settings.retention();
        this.records = records;
        this.clock = clock;
    }

    public Pruned prune(BatchRun run) throws IOException {
        return new Pruned(pruneReports(run), pruneRecords(run));
    }

    private int pruneRecords(BatchRun run) {
        Instant cutoff = clock.instant().minus(java.time.Duration.ofDays(retention.runsDays()));
        if (run.dryRun()) {
            int old = records.countOld(cutoff);
            if (old > 0) {
                log.info("DRY-RUN: would delete the records of {} batch(es) older than {} days", old, retention.runsDays());
            }
            return old;
        }
        Instant monthStart = LocalDate.now(clock).withDayOfMonth(1).atStartOfDay(clock.getZone()).toInstant();
        int deleted = records.prune(cutoff, monthStart);
        if (deleted > 0) {
            log.info("deleted the records of {} batch(es) older than {} days", deleted, retention.runsDays());
        }
        return deleted;
    }

    private int pruneReports(BatchRun run) throws IOException {
        if (!Files.isDirectory(home.reports())) {
            return 0;
        }
        LocalDate cutoff = LocalDate.now(clock).minusDays(retention.reportsDays());
        List<Path> old = new ArrayList<>();
        try (Stream<Path> entries = Files.list(home.reports())) {
            entries.filter(Files::isDirectory).forEach(dir -> {
                String name = dir.getFileName().toString();
                if (name.matches("\\d{8}-\\d{6}") && LocalDate.parse(name.substring(0, 8), BATCH_DAY).isBefore(cutoff)) {
                    old.add(dir);
                }
            });
        }
        for (Path dir : old) {
            if (run.dryRun()) {
                log.info("DRY-RUN: would prune the report folder {}", dir);
                continue;
            }
            try (Stream<Path> tree = Files.walk(dir)) {
                for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return old.size();
    }
}
