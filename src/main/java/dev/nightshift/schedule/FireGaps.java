package dev.nightshift.schedule;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * How close together does a {@code schedule} fire? A batch must end before the next fire
 * ({@code timeouts.batch} must end before it), and a cron's gaps are not all equal: {@code 0 0 *&#47;5 * * ?}
 * fires five hours apart and then four (20:00 to 00:00), and a change of daylight saving time
 * shortens a gap by an hour. So the fires themselves are walked, as Quartz computes them.
 */
public final class FireGaps {

    /** How far ahead the fires are walked: a year and a bit, for monthly and yearly patterns. */
    static final Duration HORIZON = Duration.ofDays(400);
    /** A bound on the walk for a schedule that fires often (it is then stopped early by a short gap anyway). */
    static final int MAX_FIRES = 20_000;

    /** Two fires in a row. */
    public record Gap(Instant from, Instant to) {
        public Duration length() {
            return Duration.between(from, to);
        }
    }

    /** What the walk found. */
    public record Walk(int fires, Optional<Gap> shortest) {
    }

    private FireGaps() {
    }

    /**
     * Walks the fires after {@code start}, up to {@link #HORIZON} or {@link #MAX_FIRES}, and stops
     * early at the first gap no longer than {@code stopAt}.
     *
     * @throws IllegalArgumentException when the expression is not a Quartz cron (settings reject it first)
     */
    public static Walk walk(String expression, ZoneId zone, Instant start, Duration stopAt) {
        CronExpression cron;
        try {
            cron = new CronExpression(expression);
        } catch (ParseException e) {
            throw new IllegalArgumentException("\"" + expression + "\" is not a Quartz cron expression", e);
        }
        cron.setTimeZone(TimeZone.getTimeZone(zone));
        Instant end = start.plus(HORIZON);
        Date previous = cron.getNextValidTimeAfter(Date.from(start));
        int fires = previous == null ? 0 : 1;
        Gap shortest = null;
        while (previous != null && fires < MAX_FIRES && previous.toInstant().isBefore(end)) {
            Date next = cron.getNextValidTimeAfter(previous);
            if (next == null) {
                break;
            }
            fires++;
            Gap gap = new Gap(previous.toInstant(), next.toInstant());
            if (shortest == null || gap.length().compareTo(shortest.length()) < 0) {
                shortest = gap;
                if (gap.length().compareTo(stopAt) <= 0) {
                    break;
                }
            }
            previous = next;
        }
        return new Walk(fires, Optional.ofNullable(shortest));
    }
}
