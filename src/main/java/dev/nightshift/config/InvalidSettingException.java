package dev.nightshift.config;

/**
 * A value that has the right type but not an acceptable content, thrown by a settings record's
 * constructor; {@code key} is relative to the record, so the reader can name the full key and line.
 */
public class InvalidSettingException extends IllegalArgumentException {

    private final String key;

    public InvalidSettingException(String key, String problem) {
        super(problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
