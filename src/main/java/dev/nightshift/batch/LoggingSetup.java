package dev.nightshift.batch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.nightshift.secret.HasBatchLogFilter;
import dev.nightshift.secret.MaskedMessageConverter;
import dev.nightshift.secret.MaskedThrowableConverter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * How nightshift logs, set up by logback at its start (found through {@code META-INF/services}).
 * nightshift's own messages go to the terminal (INFO, on standard error) and, during a batch, to
 * the log of the phase or project at work: {@code reports/<batch>/logs/<file>}, named by the MDC
 * key {@code nsLog} ({@link BatchLogAppender}). Every message and every exception is masked for
 * secrets ({@code %maskedMsg}, {@code %maskedEx}). Libraries speak only when something is wrong.
 * Set up in code rather than from an XML file: reading the file took logback a tenth of a second
 * at every start, and Spring, told to leave logging alone, no longer reads it a second time.
 */
public class LoggingSetup extends ContextAwareBase implements Configurator {

    static final String CONSOLE_PATTERN = "%d{HH:mm:ss} %-5level %maskedMsg%n%maskedEx";
    static final String BATCH_LOG_PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0}: %maskedMsg%n%maskedEx";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        Map<String, Supplier<DynamicConverter>> rules = new HashMap<>();
        rules.put("maskedMsg", MaskedMessageConverter::new);
        rules.put("maskedEx", MaskedThrowableConverter::new);
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(CONSOLE_PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();

        // One file per batch, phase and project, closed when its batch ends.
        BatchLogAppender batchLogs = new BatchLogAppender();
        batchLogs.setContext(context);
        batchLogs.setName("BATCH_LOGS");
        batchLogs.setPattern(BATCH_LOG_PATTERN);
        HasBatchLogFilter onlyDuringBatches = new HasBatchLogFilter();
        onlyDuringBatches.setContext(context);
        onlyDuringBatches.start();
        batchLogs.addFilter(onlyDuringBatches);
        batchLogs.start();

        context.getLogger("dev.nightshift").setLevel(Level.INFO);
        context.getLogger("org.springframework.batch.core.job.SimpleStepHandler").setLevel(Level.ERROR);
        context.getLogger("org.quartz.core.QuartzScheduler").setLevel(Level.WARN);
        // Flyway warns that H2 2.4 is newer than it was verified with; the migrations are plain SQL.
        context.getLogger("org.flywaydb.core.internal.database.base.Database").setLevel(Level.ERROR);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        root.addAppender(batchLogs);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
