package dev.nightshift.store;

import dev.nightshift.config.Home;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * The password of a home's database. While one nightshift process holds the database, H2 serves it
 * to the others on loopback (AUTO_SERVER); without a password anyone on the machine could connect
 * as its administrator and rewrite the records (the budget's spend among them). So each home gets
 * a random password, made once, in {@code .nightshift/db.password}, readable by its owner only.
 */
public final class DatabasePassword {

    public static final String USER = "sa";

    private DatabasePassword() {
    }

    /** The home's password; made (and set on a database that predates it) on first use. */
    public static String of(Home home) {
        Path file = home.databasePassword();
        if (Files.exists(file)) {
            return read(file);
        }
        String made = HexFormat.of().formatHex(random());
        boolean databaseExisted = Database.exists(home);
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".db.password", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, made, StandardCharsets.US_ASCII);
            try {
                // Not replacing: when two processes make it at once, the first one's stays.
                Files.move(temp, file);
            } catch (FileAlreadyExistsException other) {
                Files.deleteIfExists(temp);
                return read(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the database password " + file, e);
        }
        if (databaseExisted) {
            setOnOlderDatabase(home, made);
        }
        return made;
    }

    /** A database made before passwords: its administrator had none; it gets the new one. */
    private static void setOnOlderDatabase(Home home, String password) {
        try (Connection c = DriverManager.getConnection(home.jdbcUrl(), USER, "");
             PreparedStatement alter = c.prepareStatement("ALTER USER " + USER + " SET PASSWORD ?")) {
            alter.setString(1, password);
            alter.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the new password on the database of " + home.root()
                    + ": " + e.getMessage(), e);
        }
    }

    private static byte[] random() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the database password " + file, e);
        }
    }
}
