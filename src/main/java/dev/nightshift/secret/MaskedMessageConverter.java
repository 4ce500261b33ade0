package dev.nightshift.secret;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The {@code %maskedMsg} of the logging setup (batch.LoggingSetup): the log message with every secret nightshift knows of
 * replaced, so that no secret reaches a terminal or a log file.
 */
public class MaskedMessageConverter extends MessageConverter {

    private static volatile SecretMasker masker = SecretMasker.none();

    /** Called once the settings are read, so that the configured secrets' values are known. */
    public static void use(SecretMasker current) {
        masker = current;
    }

    static SecretMasker currentMasker() {
        return masker;
    }

    @Override
    public String convert(ILoggingEvent event) {
        return masker.mask(super.convert(event));
    }
}
