package dev.nightshift.store;

import dev.nightshift.config.Home;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of batches that ended before their first phase (idle, paused) on a home whose
 * database is the embedded one, kept in {@code .nightshift/pending-batches} until a process that
 * opens the database moves them into its {@code batches} table: every batch at its start, and
 * every command that opens the database ({@code status}, {@code prs}, {@code report}).
 *
 * <p>Opening the embedded database costs an idle batch more than everything else it does (H2's
 * engine and its server for other processes start, about two thirds of the batch's time), for one
 * row. A line appended here costs nothing, and the rows reach the table before anybody reads it.
 *
 * <p>Each line is one batch, its fields separated by tabs: id, start and end in epoch
 * milliseconds, status, trigger, dry run, project filter ({@code -} for none), pid, node. Writer
 * and mover take the file's lock, so that a line written while the mover works is never lost; a
 * line already in the table (the mover stopped between its commit and emptying the file) is not
 * written twice.
 */
public final class PendingBatches {

    /** Past this size the batch opens the database itself and moves them: the file stays small. */
    public static final long MOVE_AT_BYTES = 16 * 1024;

    private static final Pattern ID = Pattern.compile("\\d{8}-\\d{6}");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9._-]+");
    /**
     * The file's lock keeps other processes out; this keeps other threads of this one out, which
     * the JVM would otherwise refuse a second lock on the same file.
     */
    private static final Object LOCAL = new Object();

    private PendingBatches() {
    }

    /** A batch that started and ended at once, as the {@code batches} table keeps it. */
    public record Ended(String id, Instant startedAt, Instant endedAt, BatchStatus status, String trigger,
                        boolean dryRun, String projectFilter, long pid, String node) {

        /** Whether every field fits a line of the file; one that does not is written to the table directly. */
        public boolean fitsALine() {
            return ID.matcher(id).matches() && FIELD.matcher(trigger).matches() && FIELD.matcher(node).matches()
                    && (projectFilter == null || (FIELD.matcher(projectFilter).matches() && !projectFilter.equals("-")));
        }

        String line() {
            return String.join("\t", id, Long.toString(startedAt.toEpochMilli()), Long.toString(endedAt.toEpochMilli()),
                    status.name(), trigger, Boolean.toString(dryRun), projectFilter == null ? "-" : projectFilter,
                    Long.toString(pid), node) + "\n";
        }

        static Ended parse(String line) {
            String[] f = line.split("\t", -1);
            if (f.length != 9 || !ID.matcher(f[0]).matches()) {
                throw new IllegalArgumentException("expected 9 tab-separated fields starting with a batch id");
            }
            BatchStatus status = BatchStatus.valueOf(f[3]);
            // Only a batch that ended before its first phase is ever written here.
            if (status != BatchStatus.IDLE && status != BatchStatus.PAUSED) {
                throw new IllegalArgumentException("status " + status + " is not that of a batch that ended before its first phase");
            }
            return new Ended(f[0], Instant.ofEpochMilli(Long.parseLong(f[1])), Instant.ofEpochMilli(Long.parseLong(f[2])),
                    status, f[4], Boolean.parseBoolean(f[5]), f[6].equals("-") ? null : f[6],
                    Long.parseLong(f[7]), f[8]);
        }
    }

    /** Adds a record; the caller holds the batch lock. */
    public static void append(Home home, Ended batch) {
        if (!batch.fitsALine()) {
            throw new IllegalArgumentException("batch " + batch.id() + " cannot be written as a line");
        }
        Path file = home.pendingBatches();
        synchronized (LOCAL) {
            try {
                Files.createDirectories(file.getParent());
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
                     FileLock ignored = channel.lock()) {
                    channel.write(ByteBuffer.wrap(batch.line().getBytes(StandardCharsets.US_ASCII)));
                    channel.force(false);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
    }

    /** The ids waiting in the file: a new batch must not take one of them. */
    public static List<String> ids(Home home) {
        List<String> ids = new ArrayList<>();
        for (String line : lines(home.pendingBatches())) {
            int tab = line.indexOf('\t');
            ids.add(tab < 0 ? line : line.substring(0, tab));
        }
        return ids;
    }

    /** Whether the file has grown past {@link #MOVE_AT_BYTES}. */
    public static boolean full(Home home) {
        try {
            return Files.size(home.pendingBatches()) >= MOVE_AT_BYTES;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Moves the waiting records into the {@code batches} table of {@code connection} and empties
     * the file. A line that cannot be read is named in the log and left out.
     *
     * @return how many rows were written
     */
    public static int moveInto(Home home, Connection connection) {
        Path file = home.pendingBatches();
        if (!Files.exists(file)) {
            return 0;
        }
        synchronized (LOCAL) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // read to the end
                }
                String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
                int written = write(file, text, connection);
                channel.truncate(0);
                channel.force(false);
                return written;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot move " + file + " into the database: " + e.getMessage(), e);
            }
        }
    }

    private static int write(Path file, String text, Connection connection) throws SQLException {
        List<Ended> batches = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                batches.add(Ended.parse(lines[i]));
            } catch (IllegalArgumentException e) {
                // Looked up only here: an idle batch writes this file, and starting the logging
                // system would cost it a sixth of its time.
                Logger log = LoggerFactory.getLogger(PendingBatches.class);
                log.warn("{} line {}: not a batch record, left out ({})", file, i + 1, e.getMessage());
            }
        }
        if (batches.isEmpty()) {
            return 0;
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        int written = 0;
        try (PreparedStatement st = connection.prepareStatement("""
                INSERT INTO batches (id, started_at, ended_at, status, trigger_kind, dry_run, project_filter, pid, node)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM batches WHERE id = ?)""")) {
            for (Ended b : batches) {
                st.setString(1, b.id());
                st.setObject(2, OffsetDateTime.ofInstant(b.startedAt(), ZoneOffset.UTC));
                st.setObject(3, OffsetDateTime.ofInstant(b.endedAt(), ZoneOffset.UTC));
                st.setString(4, b.status().name());
                st.setString(5, b.trigger());
                st.setBoolean(6, b.dryRun());
                st.setString(7, b.projectFilter());
                st.setLong(8, b.pid());
                st.setString(9, b.node());
                st.setString(10, b.id());
                written += st.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return written;
    }

    private static List<String> lines(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.US_ASCII).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
