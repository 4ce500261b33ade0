package dev.nightshift.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * nightshift.yml: every key optional, each record giving its own defaults. Read once, validated at start.
 *
 * @param supervisorAgent an agent command that writes an advisory review; {@code null} for none
 * @param notifications   the {@code notify} key ({@code notify()} is taken by every Java object)
 */
public record NightshiftSettings(
        CronSchedule schedule,
        Misfire misfire,
        Timeouts timeouts,
        AgentSettings agent,
        @JsonProperty("supervisor-agent") String supervisorAgent,
        BuildSettings build,
        BudgetSettings budget,
        MailSettings mail,
        RetentionSettings retention,
        @JsonProperty("notify") NotifySettings notifications,
        DatabaseSettings database,
        NodeSettings node) {

    public static final String DEFAULT_SCHEDULE = "0 0 */2 * * ?";

    public NightshiftSettings {
        schedule = schedule != null ? schedule : CronSchedule.of(DEFAULT_SCHEDULE);
        misfire = misfire != null ? misfire : Misfire.FIRE_ONCE;
        timeouts = timeouts != null ? timeouts : Timeouts.defaults();
        agent = agent != null ? agent : AgentSettings.defaults();
        supervisorAgent = supervisorAgent == null || supervisorAgent.isBlank() ? null : supervisorAgent;
        build = build != null ? build : BuildSettings.defaults();
        budget = budget != null ? budget : BudgetSettings.defaults();
        mail = mail != null ? mail : MailSettings.defaults();
        retention = retention != null ? retention : RetentionSettings.defaults();
        notifications = notifications != null ? notifications : NotifySettings.defaults();
        if (notifications.tokenEnv() != null && agent.env().contains(notifications.tokenEnv())) {
            throw new InvalidSettingException("agent.env[" + agent.env().indexOf(notifications.tokenEnv()) + "]",
                    notifications.tokenEnv()
                    + " holds the webhook token (notify.token-env) and never reaches the agent; remove it from the list");
        }
        database = database != null ? database : DatabaseSettings.defaults();
        node = node != null ? node : NodeSettings.defaults();
        if (database.shared() && agent.env().contains(database.passwordEnv())) {
            throw new InvalidSettingException("agent.env", database.passwordEnv() + " holds the database password"
                    + " (database.password-env) and never reaches the agent; remove it from the list");
        }
        if (mail.smtp() != null) {
            EnvironmentNames.checkAgentEnv("agent.env", agent.env(), mail.smtp().passwordEnv());
        }
        if (timeouts.batch().compareTo(timeouts.report()) <= 0) {
            throw new InvalidSettingException("timeouts.batch", Durations.format(timeouts.batch())
                    + " leaves no time before the report (timeouts.report is " + Durations.format(timeouts.report())
                    + "); the batch must be longer");
        }
    }

    public static NightshiftSettings defaults() {
        return new NightshiftSettings(null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
