package dev.nightshift.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** Which fire a Quartz fire-once catch-up stands for, and what is said about it. */
class CatchUpTests {

    private static final String EVERY_TWO_HOURS = "0 0 */2 * * ?";
    private static final TimeZone UTC = TimeZone.getTimeZone(ZoneOffset.UTC);

    @Test
    void aFireOnItsOwnTimeIsNoCatchUp() {
        assertThat(CatchUp.missedFire(EVERY_TWO_HOURS, UTC, Instant.parse("2026-01-13T14:00:00Z"),
                Instant.parse("2026-01-13T12:00:00Z"))).isEmpty();
    }

    @Test
    void aFireNowAfterDowntimeStandsForTheLatestFireMissed() {
        // down from 11:00 to 06:37 the next morning: fires from 12:00 to 06:00 were missed
        assertThat(CatchUp.missedFire(EVERY_TWO_HOURS, UTC, Instant.parse("2026-01-14T06:37:12.345Z"),
                Instant.parse("2026-01-13T10:00:00Z"))).contains(Instant.parse("2026-01-14T06:00:00Z"));
        assertThat(CatchUp.missedFire(EVERY_TWO_HOURS, UTC, Instant.parse("2026-01-13T12:01:30Z"),
                Instant.parse("2026-01-13T10:00:00Z"))).contains(Instant.parse("2026-01-13T12:00:00Z"));
    }

    @Test
    void aLateFireWithNothingMissedSinceThePreviousIsNoCatchUp() {
        assertThat(CatchUp.missedFire(EVERY_TWO_HOURS, UTC, Instant.parse("2026-01-13T11:30:00Z"),
                Instant.parse("2026-01-13T10:00:00Z"))).as("no fire of the cron between").isEmpty();
    }

    @Test
    void theNoteNamesTheTimeAndTheDateWhenItIsNotToday() {
        assertThat(CatchUp.note(Instant.parse("2026-01-14T02:00:00Z"), Instant.parse("2026-01-14T02:00:40Z"), ZoneOffset.UTC))
                .isEqualTo("catching up the fire of 02:00 (missed while the daemon was down)");
        assertThat(CatchUp.note(Instant.parse("2026-01-13T22:00:00Z"), Instant.parse("2026-01-14T07:00:00Z"), ZoneOffset.UTC))
                .isEqualTo("catching up the fire of 2026-01-13 22:00 (missed while the daemon was down)");
    }
}
