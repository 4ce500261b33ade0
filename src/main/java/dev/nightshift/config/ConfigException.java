package dev.nightshift.config;

import java.nio.file.Path;

/**
 * A settings file that nightshift cannot accept, with the place and the key that are wrong.
 *
 * <p>The message reads {@code nightshift.yml:12: timeouts.build: "6o m" is not a duration}, so the
 * owner can go straight to the line.
 */
public class ConfigException extends RuntimeException {

    private final transient Path file;
    private final int line;
    private final String key;
    private final String problem;

    public ConfigException(Path file, int line, String key, String problem) {
        super(format(file, line, key, problem));
        this.file = file;
        this.line = line;
        this.key = key;
        this.problem = problem;
    }

    private static String format(Path file, int line, String key, String problem) {
        StringBuilder text = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            text.append(':').append(line);
        }
        text.append(": ");
        if (key != null && !key.isEmpty()) {
            text.append(key).append(": ");
        }
        return text.append(problem).toString();
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }
}
