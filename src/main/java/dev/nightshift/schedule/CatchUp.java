package dev.nightshift.schedule;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * Is a fire the catch-up of one missed while the daemon was down? Quartz's fire-once misfire rule
 * fires "now" in place of the missed fires: the fire's scheduled time is then not a time of the
 * cron, and the fire it stands for is the latest time of the cron since the trigger last fired.
 */
final class CatchUp {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** A bound on the walk over missed fires (a schedule of seconds, down for days). */
    private static final int MAX_STEPS = 100_000;

    private CatchUp() {
    }

    /**
     * The missed fire this fire stands for; empty for a fire on its own time.
     *
     * @param scheduled when Quartz meant this fire to happen
     * @param since     the trigger's previous fire, else its start: only fires after it can have been missed
     */
    static Optional<Instant> missedFire(String cron, TimeZone zone, Instant scheduled, Instant since) {
        CronExpression expression;
        try {
            expression = new CronExpression(cron);
        } catch (ParseException e) {
            return Optional.empty();
        }
        expression.setTimeZone(zone);
        Date at = Date.from(scheduled);
        if (expression.isSatisfiedBy(at)) {
            return Optional.empty();
        }
        Date missed = null;
        Date next = expression.getNextValidTimeAfter(Date.from(since));
        for (int i = 0; next != null && !next.after(at) && i < MAX_STEPS; i++) {
            missed = next;
            next = expression.getNextValidTimeAfter(next);
        }
        return Optional.ofNullable(missed).map(Date::toInstant);
    }

    /** "catching up the fire of 02:00 (missed while the daemon was down)"; the date too when it is not today's. */
    static String note(Instant missed, Instant now, ZoneId zone) {
        boolean today = missed.atZone(zone).toLocalDate().equals(now.atZone(zone).toLocalDate());
        return "catching up the fire of " + (today ? TIME : DATE_TIME).format(missed.atZone(zone))
                + " (missed while the daemon was down)";
    }
}
