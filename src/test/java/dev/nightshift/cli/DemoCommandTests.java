package dev.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.batch.BatchResult;
import dev.nightshift.config.Home;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTests {

    @TempDir
    Path dir;

    @Test
    void whenNoBatchRanOnlyTheReasonIsPrinted() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BatchResult locked = BatchResult.locked("running batch 20260113-140000, pid 42");

        DemoCommand.print(new Home(dir), locked, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("another batch holds the lock (running batch 20260113-140000, pid 42)" + System.lineSeparator());
    }
}
