package dev.nightshift.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.quartz.CronExpression;

/** A Quartz cron expression, checked when read so that a typo stops the batch before any work. */
public record CronSchedule(@JsonValue String expression) {

    public CronSchedule {
        if (expression == null || !CronExpression.isValidExpression(expression.trim())) {
            throw new InvalidSettingException("", "\"" + expression
                    + "\" is not a Quartz cron expression (six or seven fields, e.g. \"0 0 */2 * * ?\")");
        }
        expression = expression.trim();
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CronSchedule of(String expression) {
        return new CronSchedule(expression);
    }
}
