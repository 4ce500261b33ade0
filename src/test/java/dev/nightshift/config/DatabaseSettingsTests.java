package dev.nightshift.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database and node keys of nightshift.yml: read, defaulted, and refused with file, line and key. */
class DatabaseSettingsTests {

    @TempDir
    Path dir;

    private NightshiftSettings global(String yaml) throws Exception {
        Files.writeString(dir.resolve("nightshift.yml"), yaml);
        return SettingsFiles.readGlobal(new Home(dir));
    }

    private String file() {
        return dir.resolve("nightshift.yml").toString();
    }

    @Test
    void withoutADatabaseUrlTheRecordsStayInTheEmbeddedH2AndTheNodeIsNamedAfterTheHost() throws Exception {
        NightshiftSettings settings = global("build: {parallelism: 2}\n");
        assertThat(settings.database().shared()).isFalse();
        assertThat(settings.database().url()).isNull();
        assertThat(settings.node().name()).matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    }

    @Test
    void aPostgresqlUrlIsReadWithItsUserAndPasswordVariable() throws Exception {
        NightshiftSettings settings = global("database:\n  url: jdbc:postgresql://db:5432/ns\n  user: night\n"
                + "  password-env: NS_DB_PW\nnode: {name: build-1}\n");
        assertThat(settings.database().shared()).isTrue();
        assertThat(settings.database().url()).isEqualTo("jdbc:postgresql://db:5432/ns");
        assertThat(settings.database().user()).isEqualTo("night");
        assertThat(settings.database().passwordEnv()).isEqualTo("NS_DB_PW");
        assertThat(settings.node().name()).isEqualTo("build-1");
        assertThat(global("database: {url: \"jdbc:postgresql://db/ns\"}\n").database().passwordEnv())
                .isEqualTo("NIGHTSHIFT_DB_PASSWORD");
    }

    @Test
    void anotherKindOfDatabaseIsRefusedWithItsLineAndKey() {
        assertThatThrownBy(() -> global("schedule: \"0 0 * * * ?\"\ndatabase:\n  url: jdbc:mysql://db/ns\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file() + ":3: database.url: \"jdbc:mysql://db/ns\" is not a PostgreSQL JDBC URL");
    }

    @Test
    void aPasswordWrittenInTheUrlIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> global("database:\n  url: jdbc:postgresql://db/ns?user=a&password=hunter2secret\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file() + ":2: database.url: carries a password")
                .hasMessageNotContaining("hunter2secret");
    }

    @Test
    void aPasswordInPlaceOfTheVariableNameIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> global("database:\n  url: jdbc:postgresql://db/ns\n  password-env: \"s3cr3t!pw\"\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file() + ":3: database.password-env: is not an environment variable name")
                .hasMessageNotContaining("s3cr3t!pw");
    }

    @Test
    void theDatabasePasswordVariableCanNeverBeHandedToTheAgent() {
        assertThatThrownBy(() -> global("agent:\n  kind: claude\n  env: [ANTHROPIC_API_KEY, NIGHTSHIFT_DB_PASSWORD]\n"
                + "database:\n  url: jdbc:postgresql://db/ns\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("agent.env: NIGHTSHIFT_DB_PASSWORD holds the database password");
    }

    @Test
    void anUnknownKeyUnderDatabaseOrNodeIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> global("database:\n  url: jdbc:postgresql://db/ns\n  pasword-env: X\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file() + ":3: database.pasword-env: unknown key (known here: password-env, url, user)");
        assertThatThrownBy(() -> global("node:\n  nam: a\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file() + ":2: node.nam: unknown key (known here: name)");
    }

    @Test
    void aNodeNameThatCannotBeShownIsRefused() {
        assertThatThrownBy(() -> global("node:\n  name: \"two words\"\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file() + ":2: node.name: \"two words\" is not a node name");
    }
}
