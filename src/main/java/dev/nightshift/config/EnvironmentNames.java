package dev.nightshift.config;

import dev.nightshift.exec.ProcessEnvironment;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which environment variables {@code agent.env} may hand to the agent: real variable names, and
 * never one of nightshift's own credentials (GitHub and SMTP secrets never reach the agent).
 */
public final class EnvironmentNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EnvironmentNames() {
    }

    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * @param smtpPasswordVariable the variable {@code mail.smtp.password-env} names, or {@code null}
     * @throws InvalidSettingException naming {@code key[i]} of the first name that is not allowed
     */
    public static void checkAgentEnv(String key, List<String> names, String smtpPasswordVariable) {
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String where = key + "[" + i + "]";
            if (!isName(name)) {
                throw new InvalidSettingException(where, "\"" + name + "\" is not an environment variable name"
                        + " (letters, digits and '_', not starting with a digit)");
            }
            if (ProcessEnvironment.NEVER.contains(name)) {
                throw new InvalidSettingException(where, name + " is nightshift's own credential and never reaches"
                        + " the agent; remove it from the list");
            }
            if (name.equals(smtpPasswordVariable)) {
                throw new InvalidSettingException(where, name + " holds the SMTP password (mail.smtp.password-env)"
                        + " and never reaches the agent; remove it from the list");
            }
        }
    }
}
