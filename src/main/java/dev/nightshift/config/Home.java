package dev.nightshift.config;

import java.nio.file.Path;

/**
 * The folder nightshift works in: its settings, the spec queue, the reports and its private state.
 *
 * <p>Every path nightshift writes to is derived here, so that no input can steer a write outside
 * the home, its clones and its worktrees.
 */
public record Home(Path root) {

    public Home {
        root = root.toAbsolutePath().normalize();
    }

    public static Home of(String path) {
        return new Home(Path.of(path));
    }

    public Path settingsFile() {
        return root.resolve("nightshift.yml");
    }

    public Path wipSpecs() {
        return root.resolve("wip-specs");
    }

    public Path pauseFile() {
        return wipSpecs().resolve("PAUSE");
    }

    public Path wipJournal() {
        return root.resolve("wip.md");
    }

    public Path reports() {
        return root.resolve("reports");
    }

    public Path batchReports(String batchId) {
        return reports().resolve(batchId);
    }

    public Path batchLogs(String batchId) {
        return batchReports(batchId).resolve("logs");
    }

    public Path outbox() {
        return reports().resolve("outbox");
    }

    public Path wipArchive() {
        return reports().resolve("wip-archive");
    }

    public Path promptOverride() {
        return root.resolve("prompts").resolve("build.md");
    }

    /** nightshift's private state: never committed, never shown to the agent. */
    public Path state() {
        return root.resolve(".nightshift");
    }

    public Path lockFile() {
        return state().resolve("lock");
    }

    /** Held by the one daemon of this home for as long as it runs: a second one is refused. */
    public Path daemonLockFile() {
        return state().resolve("daemon.lock");
    }

    /** Batches that ended before their first phase, waiting to be moved into the database (store.PendingBatches). */
    public Path pendingBatches() {
        return state().resolve("pending-batches");
    }

    public Path database() {
        return state().resolve("db");
    }

    public Path clones() {
        return state().resolve("repos");
    }

    public Path clone(String project) {
        return clones().resolve(project);
    }

    public Path worktrees() {
        return state().resolve("worktrees");
    }

    public Path worktree(String project, String spec) {
        return worktrees().resolve(project).resolve(spec);
    }

    /** Prompts are written here, outside every worktree, so the agent cannot commit them. */
    public Path prompts() {
        return state().resolve("prompts");
    }

    /** The database's password, random per home, readable by its owner only (store.DatabasePassword). */
    public Path databasePassword() {
        return state().resolve("db.password");
    }

    public String jdbcUrl() {
        // AUTO_SERVER lets `status` open the database while the daemon holds it (a second JVM on the
        // same file fails with "Database may be already in use" otherwise); the server listens on
        // loopback only and asks for the home's password.
        // WRITE_DELAY=0: H2 otherwise writes commits to the file up to 500 ms later, and a batch
        // killed in that window (kill -9) would lose them: a pull request row, a phase's end.
        // TRACE_LEVEL_FILE=0: no H2 trace file. Spring's record mapping tries each camelCase column
        // name before the snake_case one, and H2 wrote every miss with its stack trace to
        // .nightshift/db.trace.db (108 MB in three dry runs of 200 projects; 30% slower). Real SQL
        // errors still reach nightshift as exceptions. H2 stores neither setting in the database.
        // QUERY_CACHE_SIZE=64: each connection keeps its 64 latest statements parsed (H2 keeps 8);
        // a phase asks the same few dozen questions of every project, and parsed them every time.
        return "jdbc:h2:file:" + database() + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;TRACE_LEVEL_FILE=0;QUERY_CACHE_SIZE=64";
    }
}
