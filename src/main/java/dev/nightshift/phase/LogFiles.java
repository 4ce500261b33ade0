package dev.nightshift.phase;

/**
 * Which log file a message goes to: the batch, a phase or a project at work puts the file's path
 * under this key of the logging context, and the logging setup (batch.LoggingSetup) writes the message
 * there, masked like every other record.
 */
public final class LogFiles {

    /** The logging context (MDC) key naming the log file; the logging setup reads the same name. */
    public static final String KEY = "nsLog";

    private LogFiles() {
    }
}
