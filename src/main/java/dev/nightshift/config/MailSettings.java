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
        from = from != null && !from.isBlank() ? from : "nightshift@localhost";
        whenIdle = whenIdle != null ? whenIdle : WhenIdle.SKIP;
        for (int i = 0; i < to.size(); i++) {
            checkAddress("to[" + i + "]", to.get(i));
        }
        checkAddress("from", from);
    }

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
