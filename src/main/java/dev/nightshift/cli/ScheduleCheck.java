package dev.nightshift.cli;

import dev.nightshift.config.Durations;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.schedule.FireGaps;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Does {@code timeouts.batch} end before the next fire of {@code schedule}? The whole batch
 * must end before the next fire; a batch still running at a fire makes that fire wait for the
 * lock and then run late, or not at all.
 */
final class ScheduleCheck {

    private ScheduleCheck() {
    }

    /**
     * The doctor's schedule check on settings already known to be valid, as the daemon makes it
     * before it fires anything: a schedule doctor fails is one the daemon refuses.
     */
    static Check check(NightshiftSettings settings, Instant now) {
        return check(new SetupChecks.Settings(settings, Check.ok("nightshift.yml", "valid"), true), now);
    }

    /** What the daemon says when it refuses: the doctor's line, and what to do. */
    static String refusal(Check failed) {
        return failed.said() + " -> " + failed.fix();
    }

    static Check check(SetupChecks.Settings settings, Instant now) {
        if (!settings.valid()) {
            return Check.skipped("schedule", SetupChecks.INVALID);
        }
        String cron = settings.settings().schedule().expression();
        Duration batch = settings.settings().timeouts().batch();
        FireGaps.Walk walk = FireGaps.walk(cron, ZoneId.systemDefault(), now, batch);
        if (walk.fires() == 0) {
            return Check.fail("schedule", "\"" + cron + "\" never fires from now on",
                    "set schedule in nightshift.yml to a Quartz cron that fires, e.g. \"0 0 */2 * * ?\"");
        }
        if (walk.shortest().isEmpty()) {
            return Check.ok("schedule", "\"" + cron + "\" fires once from now on");
        }
        FireGaps.Gap gap = walk.shortest().get();
        if (gap.length().compareTo(batch) <= 0) {
            DateTimeFormatter when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
            return Check.fail("schedule", "timeouts.batch (" + Durations.format(batch) + ") must end before the next fire,"
                    + " but \"" + cron + "\" fires " + Durations.format(gap.length()) + " apart (" + when.format(gap.from())
                    + " and " + when.format(gap.to()) + ")",
                    "set timeouts.batch in nightshift.yml below " + Durations.format(gap.length())
                            + ", or make schedule fire less often");
        }
        return Check.ok("schedule", "\"" + cron + "\" fires at least " + Durations.format(gap.length())
                + " apart; timeouts.batch (" + Durations.format(batch) + ") ends before the next fire");
    }
}
