package dev.nightshift.report;

import dev.nightshift.config.SmtpSettings;
import dev.nightshift.exec.ProcessEnvironment;
import java.time.Duration;
import java.util.Properties;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The JavaMail sender that {@code mail.smtp} describes: host, port, login with the password read
 * from its environment variable (never from the file), STARTTLS, and a timeout on every network
 * step so that a silent server cannot hold a phase. The mailer and `doctor` use the same one.
 */
public final class SmtpSender {

    private SmtpSender() {
    }

    public static JavaMailSenderImpl of(SmtpSettings smtp, ProcessEnvironment environment, Duration timeout) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(smtp.host());
        sender.setPort(smtp.port());
        int millis = (int) timeout.toMillis();
        Properties props = new Properties();
        props.put("mail.smtp.connectiontimeout", millis);
        props.put("mail.smtp.timeout", millis);
        props.put("mail.smtp.writetimeout", millis);
        if (smtp.username() != null) {
            sender.setUsername(smtp.username());
            sender.setPassword(environment.get(smtp.passwordEnv()));
            props.put("mail.smtp.auth", "true");
        }
        if (Boolean.TRUE.equals(smtp.starttls())) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        sender.setJavaMailProperties(props);
        return sender;
    }
}
