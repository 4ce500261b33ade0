package dev.nightshift.secret;

import dev.nightshift.phase.LogFiles;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/** Lets a message into the batch logs only while a batch says which log file is current. */
public class HasBatchLogFilter extends Filter<ILoggingEvent> {

    @Override
    public FilterReply decide(ILoggingEvent event) {
        String file = event.getMDCPropertyMap().get(LogFiles.KEY);
        return file == null || file.isEmpty() || "none".equals(file) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
