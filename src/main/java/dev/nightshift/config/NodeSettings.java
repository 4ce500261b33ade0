package dev.nightshift.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This machine's name in a cluster: stored with each batch and build, shown by {@code status} and
 * in the report, so the owner sees where work ran.
 *
 * @param name defaults to the host name
 */
public record NodeSettings(String name) {

    public NodeSettings {
        name = name == null || name.isBlank() ? hostName() : name.strip();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new InvalidSettingException("name", "\"" + name + "\" is not a node name (letters, digits, '.', '_'"
                    + " and '-', at most 63)");
        }
    }

    public static NodeSettings defaults() {
        return new NodeSettings(null);
    }

    private static String hostName() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        // A fully qualified name is cut at its first dot, and anything a node name cannot hold is replaced.
        String shortName = name.contains(".") && !name.matches("[0-9.]+") ? name.substring(0, name.indexOf('.')) : name;
        String cleaned = shortName.replaceAll("[^A-Za-z0-9._-]", "-");
        cleaned = cleaned.length() > 63 ? cleaned.substring(0, 63) : cleaned;
        return cleaned.isEmpty() || !Character.isLetterOrDigit(cleaned.charAt(0)) ? "localhost" : cleaned;
    }
}
