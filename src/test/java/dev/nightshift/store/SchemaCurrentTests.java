package dev.nightshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.Home;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reading command skips Flyway only when every migration on the class path is applied. */
class SchemaCurrentTests {

    @TempDir
    Path dir;

    @Test
    void aNewDatabaseIsNotCurrentAMigratedOneIsAndAMissingMigrationMakesItNotCurrentAgain() throws Exception {
        Home home = new Home(dir);
        Files.createDirectories(home.state());
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + home.database() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");

        assertThat(SchemaCurrent.check(dataSource)).as("no history table yet").isFalse();
        Database.migrate(new DatabaseTarget(dataSource.getURL(), "sa", "", false), dataSource);
        assertThat(SchemaCurrent.check(dataSource)).as("every migration applied").isTrue();

        try (var connection = dataSource.getConnection(); var st = connection.createStatement()) {
            st.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '21'");
            assertThat(SchemaCurrent.check(dataSource)).as("one migration not applied").isFalse();
            st.execute("SHUTDOWN");
        }
    }

    @Test
    void theVersionsOnTheClassPathAreTheMigrationFiles() throws Exception {
        Path folder = Path.of(getClass().getClassLoader().getResource(SchemaCurrent.LOCATION).toURI());
        try (Stream<Path> files = Files.walk(folder)) {
            assertThat(SchemaCurrent.available()).containsExactlyInAnyOrderElementsOf(files
                    .map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__"))).distinct().toList());
        }
    }
}
