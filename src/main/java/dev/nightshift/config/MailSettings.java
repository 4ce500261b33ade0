package dev.nightshift.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;

/**
 * Where the report goes. Without {@code smtp} nothing is sent: the message waits in
 * {@code reports/outbox/} as an .eml file.
 */
public record MailSettings(
        List<String> to,
        String from,
        SmtpSettings smtp,
        @JsonProperty("when-idle") WhenIdle whenIdle) {

    public MailSettings {
        to = to != null ? List.copyOf(to) : List.of();
        from = from != null && !from.isBlank() ? from : DEFAULT_FROM;
        whenIdle = whenIdle != null ? whenIdle : WhenIdle.SKIP;
        for (int i = 0; i < to.size(); i++) {
            checkAddress("to[" + i + "]", to.get(i));
        }
        // The default is known good (MailSettingsTests): checking it would start the mail
        // library in every start, an idle batch's among them, for an address nobody wrote.
        if (!from.equals(DEFAULT_FROM)) {
            checkAddress("from", from);
        }
    }

    /** The sender when {@code from} is not set. */
    public static final String DEFAULT_FROM = "nightshift@localhost";

    private static void checkAddress(String key, String address) {
        try {
            new InternetAddress(address, true).validate();
        } catch (AddressException | RuntimeException e) {
            throw new InvalidSettingException(key, "\"" + address + "\" is not an email address (e.g. me@example.com)");
        }
    }

    public static MailSettings defaults() {
        return new MailSettings(null, null, null, null);
    }

    /** Mail for a batch in which nothing happened. */
    public enum WhenIdle {
        @JsonProperty("skip") SKIP,
        @JsonProperty("send") SEND
    }
}
