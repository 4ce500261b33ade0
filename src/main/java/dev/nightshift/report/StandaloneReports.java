package dev.nightshift.report;

import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.HealthCheckRepository;
import dev.nightshift.store.HistoryRepository;
import dev.nightshift.store.IntegrationRepository;
import dev.nightshift.store.MailRepository;
import dev.nightshift.store.PlanRepository;
import dev.nightshift.store.PullRequestRepository;
import dev.nightshift.store.ReviewRepository;
import dev.nightshift.store.RiskRepository;
import dev.nightshift.store.SpecIndexRepository;
import dev.nightshift.store.SpecMoveRepository;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The report's parts on a plain database connection, for the commands that must not start the
 * Spring context ({@code report}) and for tests that render a seeded database.
 */
public final class StandaloneReports {

    private StandaloneReports() {
    }

    public static ReportData data(JdbcClient jdbc, NightshiftSettings settings, Clock clock) {
        SecretMasker masker = SecretMasker.none();
        return new ReportData(new BatchRepository(jdbc, masker), new PlanRepository(jdbc, masker),
                new BuildRepository(jdbc, masker), new PullRequestRepository(jdbc, masker),
                new SpecMoveRepository(jdbc, masker), new IntegrationRepository(jdbc, masker),
                new RiskRepository(jdbc, masker), new HealthCheckRepository(jdbc, masker), new SpecIndexRepository(jdbc),
                new HistoryRepository(jdbc), new ReviewRepository(jdbc, masker), new ReportChart(new HistoryRepository(jdbc)),
                settings, clock);
    }

    public static ReportPhase phase(Home home, JdbcClient jdbc, NightshiftSettings settings, Clock clock) {
        Set<String> secret = new HashSet<>();
        if (settings.mail().smtp() != null) {
            secret.add(settings.mail().smtp().passwordEnv());
        }
        if (settings.notifications().tokenEnv() != null) {
            secret.add(settings.notifications().tokenEnv());
        }
        ProcessEnvironment environment = ProcessEnvironment.ofSystem(secret);
        Mailer mailer = new Mailer(home, settings, new MailRepository(jdbc), environment, clock);
        return new ReportPhase(home, settings, data(jdbc, settings, clock), new ReportRenderer(), mailer,
                new Webhook(home, settings, environment));
    }
}
