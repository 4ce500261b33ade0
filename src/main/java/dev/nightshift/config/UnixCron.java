package dev.nightshift.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What Quartz cron does a crontab-style schedule mean? Crontab users write five fields (minute,
 * hour, day of month, month, day of week) or a macro such as {@code @daily}; Quartz wants a
 * seconds field first, a {@code ?} in one of its two day fields, and counts the days of the week
 * from 1 (Sunday) where cron counts from 0 (Sunday, also 7).
 */
final class UnixCron {

    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");

    private UnixCron() {
    }

    /**
     * The Quartz form of a five-field cron or a macro; empty for anything else (Quartz's own six or
     * seven fields are left to Quartz).
     *
     * @throws InvalidSettingException for a five-field cron Quartz cannot express
     */
    static Optional<String> toQuartz(String written) {
        String text = written.trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("@")) {
            String macro = MACROS.get(text);
            if (macro == null) {
                throw new InvalidSettingException("", "\"" + written + "\" is not a cron macro nightshift reads (@hourly,"
                        + " @daily, @weekly, @monthly, @yearly; @reboot has no time: start `nightshift daemon` at boot instead)");
            }
            text = macro;
        }
        String[] f = text.split("\\s+");
        if (f.length != 5) {
            return Optional.empty();
        }
        String dom = f[2];
        String dow = f[4];
        boolean anyDom = dom.equals("*") || dom.equals("?");
        boolean anyDow = dow.equals("*") || dow.equals("?");
        if (!anyDom && !anyDow) {
            // cron fires on either day; Quartz has no "or" between its two day fields.
            throw new InvalidSettingException("", "\"" + written + "\" names both a day of the month and a day of the week,"
                    + " which cron reads as either; Quartz cannot: keep one of them \"*\", or write Quartz's six fields");
        }
        String quartzDom = anyDow ? dom.replace("?", "*") : "?";
        String quartzDow = anyDow ? "?" : dayOfWeek(written, dow);
        return Optional.of(String.join(" ", "0", f[0], f[1], quartzDom, f[3], quartzDow).toUpperCase(Locale.ROOT));
    }

    /** Cron's days of the week (0 to 7, Sunday twice) as Quartz counts them (1 to 7 from Sunday). */
    private static String dayOfWeek(String written, String field) {
        List<String> parts = new ArrayList<>();
        for (String part : field.split(",", -1)) {
            String[] stepped = part.split("/", -1);
            String base = stepped[0];
            String step = stepped.length > 1 ? "/" + stepped[1] : "";
            if (stepped.length > 2) {
                return field;  // malformed: Quartz says so
            }
            if (base.equals("*")) {
                parts.add((step.isEmpty() ? "*" : "1") + step);
                continue;
            }
            String[] range = base.split("-", -1);
            if (range.length == 1) {
                parts.add(day(range[0]) + step);
            } else if (range.length == 2 && isNumber(range[1]) && Integer.parseInt(range[1]) == 7) {
                // A range to Sunday (7): Quartz's week ends on Saturday, so Sunday is named apart.
                if (!step.isEmpty()) {
                    throw new InvalidSettingException("", "\"" + written + "\": a stepped range ending on day 7 cannot be"
                            + " read as Quartz's days; write 0 for Sunday, or Quartz's six fields");
                }
                parts.add(day(range[0]) + "-7");
                parts.add("1");
            } else if (range.length == 2) {
                parts.add(day(range[0]) + "-" + day(range[1]) + step);
            } else {
                return field;
            }
        }
        return String.join(",", parts);
    }

    private static String day(String value) {
        if (!isNumber(value)) {
            return value;  // a name (MON) means the same to both, or a mistake Quartz names
        }
        int cron = Integer.parseInt(value);
        return cron < 0 || cron > 7 ? value + "!" : String.valueOf(cron % 7 + 1);
    }

    private static boolean isNumber(String value) {
        return !value.isEmpty() && value.length() < 3 && value.chars().allMatch(Character::isDigit);
    }
}
