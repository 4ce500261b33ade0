package dev.nightshift.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.SettingsFiles;
import dev.nightshift.store.DatabaseTarget;

/**
 * The one lock that keeps batches from overlapping: an OS file lock on {@code .nightshift/lock},
 * released by the kernel when the process dies, so a crash never leaves it stuck. The file also
 * says who holds it, for the message of the batch that finds it taken. With a shared database the
 * lock is also taken there ({@link ClusterLock}), so no two nodes of a cluster run batches at once.
 */
public final class BatchLock implements AutoCloseable {

    /** What a holder writes while a batch runs; a clean end overwrites it with "free; ...". */
    static final String RUNNING = "running batch ";
    private static final Pattern BATCH = Pattern.compile("\\bbatch (\\d{8}-\\d{6})\\b");

    private final FileChannel channel;
    private final FileLock lock;
    private final String previousHolder;
    /** The cluster's lock in the shared database; {@code null} on one machine. */
    private ClusterLock cluster;
    private String node;
    /** The batch this holder last named; the "free" line keeps it for the next holder. */
    private String batch;

    private BatchLock(FileChannel channel, FileLock lock, String previousHolder) {
        this.channel = channel;
        this.lock = lock;
        this.previousHolder = previousHolder;
    }

    /**
     * The batch lock of a home: its lock file, and with a shared database the cluster's lock too.
     * Empty when a batch holds either, here or on another node.
     */
    public static Optional<BatchLock> tryAcquire(Home home, NightshiftSettings settings) {
        Optional<BatchLock> local = tryAcquire(home.lockFile());
        if (local.isEmpty() || !settings.database().shared()) {
            return local;
        }
        BatchLock held = local.get();
        String node = settings.node().name();
        Optional<ClusterLock> cluster;
        try {
            cluster = ClusterLock.tryAcquire(DatabaseTarget.of(home, settings),
                    node + ": pid " + ProcessHandle.current().pid() + ", starting a batch");
        } catch (RuntimeException e) {
            held.releaseUnchanged();
            throw e;
        }
        if (cluster.isEmpty()) {
            held.releaseUnchanged();
            return Optional.empty();
        }
        held.cluster = cluster.get();
        held.node = node;
        return Optional.of(held);
    }

    /** Who holds the batch lock of a home: anywhere in its cluster with a shared database. */
    public static String holder(Home home) {
        NightshiftSettings settings = SettingsFiles.readGlobalOrDefaults(home);
        if (!settings.database().shared()) {
            return holder(home.lockFile());
        }
        return ClusterLock.holder(DatabaseTarget.of(home, settings))
                .orElseGet(() -> isHeld(home.lockFile()) ? holder(home.lockFile()) : "unknown holder");
    }

    /** Whether a batch holds the lock of a home now: anywhere in its cluster with a shared database. */
    public static boolean isHeld(Home home) {
        NightshiftSettings settings = SettingsFiles.readGlobalOrDefaults(home);
        if (!settings.database().shared()) {
            return isHeld(home.lockFile());
        }
        return isHeld(home.lockFile()) || ClusterLock.holder(DatabaseTarget.of(home, settings)).isPresent();
    }

    /** The lock, or empty when another process (or another batch of this one) holds it. */
    public static Optional<BatchLock> tryAcquire(Path file) {
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldByThisProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            BatchLock held = new BatchLock(channel, lock, read(channel));
            held.describe("pid " + ProcessHandle.current().pid() + ", since "
                    + java.time.LocalDateTime.now().withNano(0) + ", starting a batch");
            return Optional.of(held);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the lock file " + file, e);
        }
    }

    /** Whether a batch holds the lock now; looks without disturbing what the file says. */
    public static boolean isHeld(Path file) {
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException heldByThisProcess) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Who holds (or last held) the lock, as its holder wrote it. */
    public static String holder(Path file) {
        // A holder that took the lock a moment ago may not have written its line yet.
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : "";
                if (!text.isEmpty()) {
                    return text.replace('\n', ' ');
                }
                Thread.sleep(20);
            } catch (IOException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "unknown holder";
    }

    /**
     * Whether the last holder died in the middle of a batch: the kernel freed its lock, but the
     * file still says it was running one. The new batch then has to recover before anything else.
     */
    public boolean previousHolderDied() {
        return previousHolder.startsWith(RUNNING);
    }

    /**
     * The batch the last holder ran, when it named one: batch ids have a second's resolution, and
     * a batch that keeps its record outside the database checks its id against this one.
     */
    public Optional<String> previousBatch() {
        Matcher m = BATCH.matcher(previousHolder);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
    }

    /** Writes who holds the lock now (pid, batch, start) into the file. */
    public void describe(String holder) {
        Matcher named = BATCH.matcher(holder);
        if (named.find()) {
            batch = named.group(1);
        }
        try {
            byte[] bytes = (holder + "\n").getBytes(StandardCharsets.UTF_8);
            // Written over the old text, then cut to length: a reader never sees an empty file.
            channel.write(ByteBuffer.wrap(bytes), 0);
            channel.truncate(bytes.length);
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lock file", e);
        }
        if (cluster != null) {
            cluster.describe(node + ": " + holder);
        }
    }

    /** Lets go of the file lock without touching what the file says: the batch never started. */
    private void releaseUnchanged() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The kernel releases the lock when the process ends anyway.
        }
    }

    @Override
    public void close() {
        if (cluster != null) {
            // Let go first, and forget it, so that the "free" line below is written to the file only.
            ClusterLock held = cluster;
            cluster = null;
            held.close();
        }
        try {
            if (lock.isValid()) {
                describe("free; last held by pid " + ProcessHandle.current().pid() + (batch != null ? ", batch " + batch : ""));
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            // The kernel releases the lock when the process ends anyway.
        }
    }
}
