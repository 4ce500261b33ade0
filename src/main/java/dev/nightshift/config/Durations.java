package dev.nightshift.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the short durations of nightshift.yml: {@code 90s}, {@code 15m}, {@code 2h}, {@code 1h30m}. */
public final class Durations {

    private static final Pattern SHAPE =
            Pattern.compile("(?:(\\d+)h)?\\s*(?:(\\d+)m(?!s))?\\s*(?:(\\d+)s)?\\s*(?:(\\d+)ms)?");

    private Durations() {
    }

    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        Matcher m = SHAPE.matcher(trimmed);
        if (trimmed.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException(
                    "\"" + text + "\" is not a duration (write it like 90s, 15m, 2h or 1h30m)");
        }
        Duration d = Duration.ZERO;
        if (m.group(1) != null) d = d.plusHours(Long.parseLong(m.group(1)));
        if (m.group(2) != null) d = d.plusMinutes(Long.parseLong(m.group(2)));
        if (m.group(3) != null) d = d.plusSeconds(Long.parseLong(m.group(3)));
        if (m.group(4) != null) d = d.plusMillis(Long.parseLong(m.group(4)));
        if (d.isZero()) {
            throw new IllegalArgumentException("\"" + text + "\" is zero; a timeout must be longer than that");
        }
        return d;
    }

    /** The short form used in logs and reports: {@code 18m48s}, {@code 2.1s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 10_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = d.toSeconds();
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        if (h > 0) return h + "h" + String.format(java.util.Locale.ROOT, "%02dm", m);
        if (m > 0) return m + "m" + String.format(java.util.Locale.ROOT, "%02ds", sec);
        return sec + "s";
    }
}
