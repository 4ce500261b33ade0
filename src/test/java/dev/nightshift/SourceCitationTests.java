package dev.nightshift;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A comment states the rule where it is applied: no file of the sources, scripts or CI names a
 * document that lives outside the repository (the team's brief, notes and style guide), which a
 * reader of the code cannot open.
 */
class SourceCitationTests {

    /**
     * A migration once released is frozen: Flyway keeps its checksum in every database, and any
     * change to it, a comment included, would stop every existing home from starting.
     */
    private static final Path FROZEN = Path.of("src/main/resources/db/migration/h2/V1__spring_batch.sql");

    /** Spelled in parts, so that this file does not name them either. */
    private static final List<String> OUTSIDE = List.of("PRODUCT" + ".md", "NOTES" + ".md", "STYLE" + ".md");

    @Test
    void noSourceScriptOrCiFileNamesADocumentOutsideTheRepository() throws IOException {
        List<String> citing = new ArrayList<>();
        for (String root : List.of("src", "scripts", ".ci")) {
            Path dir = Path.of(root);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile).filter(file -> !file.equals(FROZEN)).forEach(file -> {
                    String text = read(file);
                    OUTSIDE.stream().filter(text::contains).forEach(name -> citing.add(file + " names " + name));
                });
            }
        }
        assertThat(Path.of("src/main/java")).as("run from the repository's root").isDirectory();
        assertThat(citing).isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (MalformedInputException binary) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
