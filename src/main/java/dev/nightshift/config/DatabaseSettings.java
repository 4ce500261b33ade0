package dev.nightshift.config;

import java.util.Locale;

/**
 * Where nightshift keeps its records. Without {@code url} it is the embedded H2 file in
 * {@code .nightshift/}, for one machine; a PostgreSQL URL makes the database one that several
 * machines share (one Quartz cluster, one batch lock). The password is never written in the file:
 * {@code passwordEnv} names the environment variable that holds it.
 *
 * @param url         {@code jdbc:postgresql://host:port/database}, or {@code null} for the embedded H2
 * @param user        the database user (PostgreSQL only)
 * @param passwordEnv the variable that holds the user's password
 */
public record DatabaseSettings(String url, String user, String passwordEnv) {

    public static final String POSTGRESQL_PREFIX = "jdbc:postgresql://";

    public DatabaseSettings {
        url = url == null || url.isBlank() ? null : url.strip();
        if (url != null && !url.startsWith(POSTGRESQL_PREFIX)) {
            throw new InvalidSettingException("url", "\"" + url + "\" is not a PostgreSQL JDBC URL (" + POSTGRESQL_PREFIX
                    + "host:5432/nightshift); leave the key out for the embedded H2 database");
        }
        if (url != null && url.toLowerCase(Locale.ROOT).contains("password=")) {
            // The value is not repeated: it holds a password that belongs in a variable, not in a file.
            throw new InvalidSettingException("url", "carries a password; put the password in the variable"
                    + " database.password-env names, never in the file");
        }
        user = user == null || user.isBlank() ? "nightshift" : user.strip();
        passwordEnv = passwordEnv == null || passwordEnv.isBlank() ? "NIGHTSHIFT_DB_PASSWORD" : passwordEnv;
        if (!EnvironmentNames.isName(passwordEnv)) {
            throw new InvalidSettingException("password-env", "is not an environment variable name; name the"
                    + " variable that holds the password, not the password");
        }
    }

    public static DatabaseSettings defaults() {
        return new DatabaseSettings(null, null, null);
    }

    /** Whether the records live in a shared PostgreSQL database (several machines) rather than the embedded H2. */
    public boolean shared() {
        return url != null;
    }
}
