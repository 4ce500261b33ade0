package dev.nightshift.store;

import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** Moves {@link PendingBatches} into the embedded database of a running context, at each batch's start. */
@Component
public class PendingBatchesMover {

    private final Home home;
    private final NightshiftSettings settings;
    private final DataSource dataSource;

    public PendingBatchesMover(Home home, NightshiftSettings settings, DataSource dataSource) {
        this.home = home;
        this.settings = settings;
        this.dataSource = dataSource;
    }

    /** @return how many records were moved; none on a shared database, where none are kept */
    public int moveIn() {
        if (settings.database().shared()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            return PendingBatches.moveInto(home, connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot move the pending batch records into the database: " + e.getMessage(), e);
        }
    }
}
