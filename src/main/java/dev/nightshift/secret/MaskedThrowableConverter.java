package dev.nightshift.secret;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The {@code %maskedEx} of the logging setup (batch.LoggingSetup): a logged exception's messages and stack, secrets masked.
 * An exception often quotes what failed (a command's output, a server's answer), so its text is
 * masked like any message. Being a throwable converter, it also keeps logback from appending its
 * own unmasked {@code %ex} to a pattern without one.
 */
public class MaskedThrowableConverter extends ThrowableProxyConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return MaskedMessageConverter.currentMasker().mask(super.convert(event));
    }
}
