package dev.nightshift.batch;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Writes each message logged during a batch to the log file the MDC key {@code nsLog} names (the
 * batch's, a phase's or a project's), and closes a batch's files as soon as the batch ends.
 *
 * <p>Logback's own sifting appender closed such a file only after 30 minutes without a message,
 * and only when some later message came: a daemon on a short schedule kept every batch's logs
 * open and ran out of descriptors (issue 15: 1,157 open log files after 200 batches). Messages
 * are written one at a time ({@link AppenderBase} holds its lock while appending), so a file is
 * never closed under a writer; a message that comes after its batch closed the file opens it again
 * for appending, and the next batch's end closes it.
 */
public class BatchLogAppender extends AppenderBase<ILoggingEvent> {

    private final Map<String, FileAppender<ILoggingEvent>> open = new HashMap<>();
    private String pattern = "%msg%n";
    private PatternLayout layout;

    /** The layout of every line, as logback's pattern encoder reads it. */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    protected void append(ILoggingEvent event) {
        String file = event.getMDCPropertyMap().get(PhaseStepListener.LOG_KEY);
        if (file == null || file.isEmpty()) {
            return;
        }
        FileAppender<ILoggingEvent> appender = open.get(file);
        if (appender == null) {
            appender = openFile(file);
            open.put(file, appender);
        }
        appender.doAppend(event);
    }

    private FileAppender<ILoggingEvent> openFile(String file) {
        // One layout for every file, its pattern read once (a batch of 200 projects opens 200
        // logs); it is used by one writer at a time, under this appender's lock.
        if (layout == null) {
            layout = new PatternLayout();
            layout.setContext(getContext());
            layout.setPattern(pattern);
            layout.start();
        }
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(getContext());
        encoder.setLayout(layout);
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(getContext());
        appender.setName(getName() + "-" + file);
        appender.setFile(file);
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    /** Closes the open log files under {@code folder}; returns how many. */
    synchronized int closeUnder(Path folder) {
        int closed = 0;
        for (Iterator<Map.Entry<String, FileAppender<ILoggingEvent>>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, FileAppender<ILoggingEvent>> entry = it.next();
            if (Path.of(entry.getKey()).toAbsolutePath().normalize().startsWith(folder)) {
                entry.getValue().stop();
                it.remove();
                closed++;
            }
        }
        return closed;
    }

    @Override
    public synchronized void stop() {
        open.values().forEach(FileAppender::stop);
        open.clear();
        super.stop();
    }

    /**
     * Closes every open batch log file under {@code folder}, in whichever of logback's appenders
     * write them (none when logging is not logback, as in a test with another binding).
     */
    static int closeAllUnder(Path folder) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return 0;
        }
        Path normal = folder.toAbsolutePath().normalize();
        int closed = 0;
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof BatchLogAppender batchLogs) {
                closed += batchLogs.closeUnder(normal);
            }
        }
        return closed;
    }
}
