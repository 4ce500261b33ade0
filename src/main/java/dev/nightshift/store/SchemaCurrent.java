package dev.nightshift.store;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Has every migration on the class path been applied to this database already? Then a command
 * that only reads ({@code status}, {@code prs}) needs no Flyway, nor does a local batch started
 * from the context generated at build time: loading Flyway and scanning for migrations took a good
 * share of such a start. Whenever the answer is not a sure yes (no history table, a migration not
 * applied, the class path not readable), Flyway runs as before. The contexts worked out at their
 * start (the daemon's, a worker's, a batch on a shared database) always run it, checksums included.
 */
final class SchemaCurrent {

    static final String LOCATION = "db/migration";
    private static final Pattern VERSIONED = Pattern.compile("(?:^|/)V([0-9][0-9._]*)__[^/]*\\.sql$");

    private SchemaCurrent() {
    }

    static boolean check(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return check(connection);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The same question on a connection the caller keeps open. */
    static boolean check(Connection connection) {
        try {
            Set<String> available = available();
            if (available.isEmpty()) {
                return false;
            }
            return applied(connection).containsAll(available);
        } catch (SQLException | IOException | URISyntaxException | RuntimeException e) {
            // Not a sure yes: Flyway decides.
            return false;
        }
    }

    /** The versions of the migrations on the class path, as Flyway writes them ("1", "20"). */
    static Set<String> available() throws IOException, URISyntaxException {
        Set<String> versions = new HashSet<>();
        Enumeration<URL> folders = SchemaCurrent.class.getClassLoader().getResources(LOCATION);
        while (folders.hasMoreElements()) {
            URL folder = folders.nextElement();
            URLConnection connection = folder.openConnection();
            if (connection instanceof JarURLConnection jar) {
                connection.setUseCaches(true);
                JarFile file = jar.getJarFile();
                file.stream().map(entry -> entry.getName()).filter(name -> name.contains(LOCATION + "/"))
                        .forEach(name -> version(name, versions));
            } else if ("file".equals(folder.getProtocol())) {
                try (Stream<Path> files = Files.walk(Path.of(folder.toURI()))) {
                    files.forEach(f -> version(f.getFileName().toString(), versions));
                }
            } else {
                return Set.of();
            }
        }
        return versions;
    }

    private static void version(String name, Set<String> versions) {
        Matcher m = VERSIONED.matcher(name);
        if (m.find()) {
            versions.add(m.group(1).replace('_', '.'));
        }
    }

    private static Set<String> applied(Connection connection) throws SQLException {
        Set<String> versions = new HashSet<>();
        try (Statement st = connection.createStatement();
             ResultSet rows = st.executeQuery(
                     "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL")) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        }
        return versions;
    }
}
