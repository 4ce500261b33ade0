package dev.nightshift.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FireGapsTests {

    private static final Instant NEW_YEAR = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration NEVER_STOP = Duration.ofMillis(1);

    @Test
    void anUnevenScheduleIsAsCloseAsItsShortestGap() {
        FireGaps.Walk walk = FireGaps.walk("0 0 */5 * * ?", ZoneOffset.UTC, NEW_YEAR, NEVER_STOP);

        assertThat(walk.shortest()).hasValueSatisfying(gap -> {
            assertThat(gap.length()).isEqualTo(Duration.ofHours(4));
            assertThat(gap.from()).isEqualTo(Instant.parse("2026-01-01T20:00:00Z"));
        });
        // five fires a day for 400 days, from the first after the start to the first at the horizon
        assertThat(walk.fires()).as("every fire of the horizon was looked at").isEqualTo(400 * 5);
    }

    @Test
    void aChangeOfDaylightSavingTimeShortensADailyGap() {
        FireGaps.Walk walk = FireGaps.walk("0 0 12 * * ?", ZoneId.of("Europe/Berlin"), NEW_YEAR, NEVER_STOP);

        assertThat(walk.shortest()).hasValueSatisfying(gap -> {
            assertThat(gap.length()).isEqualTo(Duration.ofHours(23));
            assertThat(gap.to()).isEqualTo(Instant.parse("2026-03-29T10:00:00Z"));
        });
    }

    @Test
    void theWalkStopsAtTheFirstGapAsShortAsAsked() {
        FireGaps.Walk walk = FireGaps.walk("* * * * * ?", ZoneOffset.UTC, NEW_YEAR, Duration.ofMinutes(115));

        assertThat(walk.fires()).isEqualTo(2);
        assertThat(walk.shortest()).map(FireGaps.Gap::length).hasValue(Duration.ofSeconds(1));
    }

    @Test
    void aScheduleOfThePastNeverFires() {
        FireGaps.Walk walk = FireGaps.walk("0 0 0 1 1 ? 2020", ZoneOffset.UTC, NEW_YEAR, NEVER_STOP);

        assertThat(walk.fires()).isZero();
        assertThat(walk.shortest()).isEmpty();
    }
}
