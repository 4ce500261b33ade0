package dev.nightshift.batch;

import dev.nightshift.config.Home;
import dev.nightshift.config.MailSettings;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.spec.WorkspaceReader;
import dev.nightshift.store.Database;
import dev.nightshift.store.PendingBatches;
import dev.nightshift.store.PlainBatchStore;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Can this batch end before the heavy machinery starts? A paused or idle batch only needs the
 * settings, the queue folders and one record, so it is decided and recorded here, before Spring,
 * the job and the scheduler load: the idle no-op costs no tokens and a fraction of a second. On the
 * embedded database the record is a line of {@link PendingBatches}, moved into the table by the next
 * process that opens it; on a shared database, or when that file has grown, it is a row written
 * at once.
 *
 * <p>It declines (and the full launcher runs) whenever a record is not enough: the last batch died
 * and needs recovering, {@code when-idle: send} wants a report mailed, {@code --project} names no
 * project it can work on, spec files wait in a queue (the launcher decides, having read them), or,
 * where it writes a row, the database's schema is behind or the database cannot be read this way.
 */
public final class QuickBatch {

    private QuickBatch() {
    }

    /** @return the finished batch, or empty when the full launcher must run it */
    public static Optional<BatchResult> tryRun(Home home, NightshiftSettings settings, BatchRequest request,
                                               BatchLock lock, Clock clock) {
        if (lock.previousHolderDied()) {
            return Optional.empty();
        }
        if (settings.mail().whenIdle() == MailSettings.WhenIdle.SEND && !request.dryRun()) {
            return Optional.empty();
        }
        // Decided from the file names alone: spec files waiting almost surely mean a working batch,
        // whose launcher reads the queue anyway (reading it here too would only delay its start),
        // and without them nothing can be queued or active. Only --project needs the queue read,
        // to check the project it names.
        Optional<StopEarly> stop = StopEarly.glance(home, request.projectFilter());
        if (stop.isEmpty()) {
            return Optional.empty();
        }
        if (request.projectFilter() != null && ProjectFilter.problem(home,
                WorkspaceReader.read(home, request.projectFilter()), request.projectFilter()).isPresent()) {
            return Optional.empty();
        }
        Instant started = clock.instant();
        if (!settings.database().shared() && Database.exists(home, settings) && !PendingBatches.full(home)) {
            // The embedded database is not opened for one row: the record waits beside it and is
            // moved in by the next process that opens it, before anything reads the table.
            Optional<BatchResult> noted = note(home, settings, request, lock, clock, started, stop.get());
            if (noted.isPresent()) {
                return noted;
            }
        }
        if (!Database.exists(home, settings)) {
            // The very first batch of a home creates the schema; every later no-op skips that.
            Database.open(home);
        }
        try (Connection connection = Database.connect(home, settings)) {
            // A migration not yet applied (a newer nightshift on an older database): the full launcher migrates.
            if (!Database.current(connection)) {
                return Optional.empty();
            }
            PlainBatchStore batches = new PlainBatchStore(connection);
            if (batches.running() > 0) {
                return Optional.empty();
            }
            if (!settings.database().shared()) {
                PendingBatches.moveInto(home, connection);
            }
            String id = BatchIds.next(clock, home, candidate -> {
                try {
                    return batches.exists(candidate);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            describe(lock, id, clock);
            batches.recordEnded(id, started, clock.instant(), stop.get().status(), request.trigger(), request.dryRun(),
                    request.projectFilter(), ProcessHandle.current().pid(), settings.node().name());
            return Optional.of(ended(id, stop.get()));
        } catch (SQLException | IllegalStateException | UncheckedIOException e) {
            // Looked up only here: the logging system's start would cost an idle batch a sixth of its time.
            Logger log = LoggerFactory.getLogger(QuickBatch.class);
            log.debug("the quick path could not read the database ({}); running the full launcher", e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Records the batch in {@link PendingBatches}; empty when its record cannot be written as a line. */
    private static Optional<BatchResult> note(Home home, NightshiftSettings settings, BatchRequest request, BatchLock lock,
                                              Clock clock, Instant started, StopEarly stop) {
        Set<String> taken = new HashSet<>(PendingBatches.ids(home));
        lock.previousBatch().ifPresent(taken::add);
        String id;
        try {
            id = BatchIds.next(clock, home, taken::contains);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        long pid = ProcessHandle.current().pid();
        PendingBatches.Ended record = new PendingBatches.Ended(id, started, clock.instant(), stop.status(), request.trigger(),
                request.dryRun(), request.projectFilter(), pid, settings.node().name());
        if (!record.fitsALine()) {
            return Optional.empty();
        }
        describe(lock, id, clock);
        PendingBatches.append(home, record);
        return Optional.of(ended(id, stop));
    }

    private static void describe(BatchLock lock, String id, Clock clock) {
        lock.describe("stopping early: batch " + id + ", pid " + ProcessHandle.current().pid() + ", since "
                + LocalDateTime.now(clock).withNano(0));
    }

    private static BatchResult ended(String id, StopEarly stop) {
        return new BatchResult(id, stop.status(), BatchResult.OK, stop.message(id));
    }
}
