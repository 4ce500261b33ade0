package dev.nightshift.cli;

import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.store.DatabaseTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Can this node use the shared database? {@code doctor}'s check for {@code database.url}: the
 * password variable is set, the server answers, and its schema is the one this nightshift knows
 * (Flyway's current version against the newest script this build carries).
 */
final class DatabaseCheck {

    private static final String SUBJECT = "database";

    private DatabaseCheck() {
    }

    static Check check(Home home, NightshiftSettings settings) {
        DatabaseTarget target;
        try {
            target = DatabaseTarget.of(home, settings);
        } catch (IllegalStateException e) {
            return Check.fail(SUBJECT, e.getMessage(), "export " + settings.database().passwordEnv()
                    + " with the password of " + settings.database().user() + " before starting nightshift");
        }
        DataSource dataSource = target.dataSource();
        try (Connection connection = dataSource.getConnection()) {
            connection.isValid(5);
        } catch (SQLException e) {
            return Check.fail(SUBJECT, target.url() + " cannot be reached as " + target.user() + ": " + e.getMessage(),
                    "start the server, check database.url and database.user, and that the password is right");
        }
        MigrationInfoService info = Flyway.configure().dataSource(dataSource).locations(target.migrations()).load().info();
        // Only the scripts this build carries: a newer node's applied ones are "future" here.
        MigrationVersion latest = Arrays.stream(info.all()).filter(m -> m.getState().isResolved()).map(MigrationInfo::getVersion)
                .filter(v -> v != null).max(MigrationVersion::compareTo).orElse(MigrationVersion.EMPTY);
        MigrationInfo current = info.current();
        if (current == null) {
            return Check.ok(SUBJECT, target.url() + " answers; it is empty, the first batch or daemon creates the schema (V"
                    + latest + ")");
        }
        int order = current.getVersion().compareTo(latest);
        if (order > 0) {
            return Check.fail(SUBJECT, target.url() + " has schema V" + current.getVersion() + ", newer than this nightshift"
                    + " knows (V" + latest + ")", "run the same nightshift version on every node of the cluster");
        }
        return Check.ok(SUBJECT, target.url() + " answers; schema V" + current.getVersion()
                + (order < 0 ? ", the next batch brings it to V" + latest : ", up to date"));
    }
}
