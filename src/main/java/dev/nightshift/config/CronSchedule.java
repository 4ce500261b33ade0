package dev.nightshift.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.quartz.CronExpression;

/**
 * A cron schedule as Quartz reads it, checked when read so that a typo stops the batch before any
 * work. Crontab's five fields ({@code 0 *&#47;2 * * *}) and macros ({@code @daily}) are accepted
 * and held in their Quartz form.
 */
public record CronSchedule(@JsonValue String expression) {

    public CronSchedule {
        String quartz = expression == null ? null : UnixCron.toQuartz(expression).orElse(expression.trim());
        // The default is known good (CronScheduleTests): checking it would load Quartz's calendar
        // machinery into every start, an idle batch's among them, for a schedule nobody wrote.
        if (quartz == null || !quartz.equals(NightshiftSettings.DEFAULT_SCHEDULE) && !CronExpression.isValidExpression(quartz)) {
            throw new InvalidSettingException("", "\"" + expression + "\" is not a Quartz cron expression (six or seven"
                    + " fields, e.g. \"0 0 */2 * * ?\") nor a crontab one (five fields, e.g. \"0 */2 * * *\")");
        }
        expression = quartz;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CronSchedule of(String expression) {
        return new CronSchedule(expression);
    }
}
