package dev.nightshift.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.ParseException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quartz.CronExpression;

/** {@code schedule}: Quartz's own fields as written, crontab's five fields and macros read as the same times. */
class CronScheduleTests {

    @ParameterizedTest(name = "\"{0}\" is read as \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "0 */2 * * *      | 0 0 */2 * * ?",
            "30 2 * * *       | 0 30 2 * * ?",
            "0 9 * * 1-5      | 0 0 9 ? * 2-6",
            "0 9 * * mon-fri  | 0 0 9 ? * MON-FRI",
            "0 0 1 * *        | 0 0 0 1 * ?",
            "0 0 * * 0        | 0 0 0 ? * 1",
            "0 0 * * 7        | 0 0 0 ? * 1",
            "0 0 * * 5-7      | 0 0 0 ? * 6-7,1",
            "0 0 * * */2      | 0 0 0 ? * 1/2",
            "15,45 */3 * 1-6 *| 0 15,45 */3 * 1-6 ?",
            "@daily           | 0 0 0 * * ?",
            "@hourly          | 0 0 * * * ?",
            "0 0 */2 * * ?    | 0 0 */2 * * ?",
            "0 0 12 ? * WED 2030 | 0 0 12 ? * WED 2030"})
    void crontabFieldsAreReadAsQuartzFields(String written, String quartz) {
        assertThat(CronSchedule.of(written).expression()).isEqualTo(quartz);
    }

    @Test
    void aCrontabLineFiresWhenCronWould() throws ParseException {
        // Tuesday 2026-01-06 is a weekday: 1-5 in cron is Monday to Friday.
        assertThat(fires("0 9 * * 1-5", LocalDateTime.of(2026, 1, 2, 10, 0), 3)).containsExactly(
                LocalDateTime.of(2026, 1, 5, 9, 0), LocalDateTime.of(2026, 1, 6, 9, 0), LocalDateTime.of(2026, 1, 7, 9, 0));
        // 0 and 7 are both Sunday; 2026-01-04 is one.
        assertThat(fires("30 1 * * 7", LocalDateTime.of(2026, 1, 1, 0, 0), 1))
                .containsExactly(LocalDateTime.of(2026, 1, 4, 1, 30));
        assertThat(fires("0 */2 * * *", LocalDateTime.of(2026, 1, 1, 23, 30), 2))
                .containsExactly(LocalDateTime.of(2026, 1, 2, 0, 0), LocalDateTime.of(2026, 1, 2, 2, 0));
    }

    @Test
    void whatNeitherCanReadIsRefusedWithBothShapes() {
        assertThatThrownBy(() -> CronSchedule.of("0 25 * * *")).isInstanceOf(InvalidSettingException.class)
                .hasMessage("\"0 25 * * *\" is not a Quartz cron expression (six or seven fields, e.g. \"0 0 */2 * * ?\")"
                        + " nor a crontab one (five fields, e.g. \"0 */2 * * *\")");
        assertThatThrownBy(() -> CronSchedule.of("0 0 * * 8")).isInstanceOf(InvalidSettingException.class);
        assertThatThrownBy(() -> CronSchedule.of("@reboot")).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("start `nightshift daemon` at boot instead");
        assertThatThrownBy(() -> CronSchedule.of("0 0 * * 1-7/2")).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("write 0 for Sunday");
        assertThatThrownBy(() -> CronSchedule.of("0 2 1 * 1")).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("names both a day of the month and a day of the week");
    }

    private static List<LocalDateTime> fires(String written, LocalDateTime from, int count) throws ParseException {
        CronExpression cron = new CronExpression(CronSchedule.of(written).expression());
        cron.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
        List<LocalDateTime> fires = new ArrayList<>();
        Date at = Date.from(from.toInstant(ZoneOffset.UTC));
        for (int i = 0; i < count; i++) {
            at = cron.getNextValidTimeAfter(at);
            fires.add(LocalDateTime.ofInstant(at.toInstant(), ZoneOffset.UTC));
        }
        return fires;
    }

    @Test
    void theDefaultScheduleWhichIsNotCheckedWhenReadIsAQuartzExpressionFiringEveryTwoHours() throws ParseException {
        assertThat(CronExpression.isValidExpression(NightshiftSettings.DEFAULT_SCHEDULE)).isTrue();
        CronExpression cron = new CronExpression(NightshiftSettings.DEFAULT_SCHEDULE);
        cron.setTimeZone(TimeZone.getTimeZone("UTC"));
        Date first = cron.getNextValidTimeAfter(Date.from(LocalDateTime.of(2026, 1, 1, 0, 30).toInstant(ZoneOffset.UTC)));
        Date second = cron.getNextValidTimeAfter(first);
        assertThat(first.toInstant()).isEqualTo(LocalDateTime.of(2026, 1, 1, 2, 0).toInstant(ZoneOffset.UTC));
        assertThat(second.getTime() - first.getTime()).isEqualTo(2 * 3600 * 1000L);
        assertThat(NightshiftSettings.defaults().schedule().expression()).isEqualTo(NightshiftSettings.DEFAULT_SCHEDULE);
    }

    @Test
    void aScheduleTheOwnerWroteIsStillChecked() {
        assertThatThrownBy(() -> CronSchedule.of("0 0 */2 * *  ? extra words")).isInstanceOf(InvalidSettingException.class);
        assertThatThrownBy(() -> CronSchedule.of("every two hours")).isInstanceOf(InvalidSettingException.class);
    }
}
