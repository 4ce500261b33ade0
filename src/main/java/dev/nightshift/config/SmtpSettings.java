package dev.nightshift.config;

/**
 * The SMTP server. The password is never written in the file: {@code passwordEnv} names the
 * environment variable that holds it.
 */
public record SmtpSettings(String host, Integer port, String username, String passwordEnv, Boolean starttls) {

    public SmtpSettings {
        host = host != null && !host.isBlank() ? host : "localhost";
        port = port != null ? port : 25;
        if (port < 1 || port > 65535) {
            throw new InvalidSettingException("port", port + " is not a port (1 to 65535)");
        }
        passwordEnv = passwordEnv != null && !passwordEnv.isBlank() ? passwordEnv : "SMTP_PASSWORD";
        starttls = starttls != null ? starttls : Boolean.FALSE;
    }
}
