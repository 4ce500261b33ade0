package dev.nightshift.config;

/**
 * The SMTP server. The password is never written in the file: {@code passwordEnv} names the
 * environment variable that holds it.
 */
public record SmtpSettings(String host, Integer port, String username, String passwordEnv, Boolean starttls) {

    public SmtpSettings {
        host = host != null && !host.isBlank() ? host : "localhost";
        if (!host.matches("[A-Za-z0-9.:\\[\\]-]+")) {
            throw new InvalidSettingException("host", "\"" + host + "\" is not a host name or address");
        }
        port = port != null ? port : 25;
        if (port < 1 || port > 65535) {
            throw new InvalidSettingException("port", port + " is not a port (1 to 65535)");
        }
        passwordEnv = passwordEnv != null && !passwordEnv.isBlank() ? passwordEnv : "SMTP_PASSWORD";
        if (!EnvironmentNames.isName(passwordEnv)) {
            // The value is not repeated: it may be the password itself, written in the wrong place.
            throw new InvalidSettingException("password-env", "is not an environment variable name; name the"
                    + " variable that holds the password, not the password");
        }
        starttls = starttls != null ? starttls : Boolean.FALSE;
    }
}
