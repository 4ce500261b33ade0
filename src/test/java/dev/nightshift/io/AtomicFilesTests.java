package dev.nightshift.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A report written onto a disk that fills up: the old one stays whole, nothing half-written is left. */
class AtomicFilesTests {

    @Test
    void aFullDiskKeepsThePreviousReportWholeAndLeavesNoHalfFile() throws IOException {
        // A file system of 64 KiB, as a disk that is nearly full.
        try (FileSystem disk = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                .setBlockSize(4096).setMaxSize(64 * 1024).build())) {
            Path report = disk.getPath("/home/reports/20260113-140000/report.html");
            AtomicFiles.write(report, "<p>the report as it was</p>");

            assertThatThrownBy(() -> AtomicFiles.write(report, "x".repeat(256 * 1024)))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("could not write /home/reports/20260113-140000/report.html (")
                    .hasMessageEndingWith("); its previous version is kept");

            assertThat(Files.readString(report)).isEqualTo("<p>the report as it was</p>");
            try (Stream<Path> files = Files.list(report.getParent())) {
                assertThat(files).as("no temporary file left beside it").containsExactly(report);
            }
            AtomicFiles.write(report, "<p>the new report</p>");
            assertThat(Files.readString(report)).as("once there is room again").isEqualTo("<p>the new report</p>");
        }
    }

    @Test
    void aFirstWriteThatDoesNotFitLeavesNoFileAtAll() throws IOException {
        try (FileSystem disk = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                .setBlockSize(4096).setMaxSize(16 * 1024).build())) {
            Path eml = disk.getPath("/home/reports/outbox/20260113-140000.eml");

            assertThatThrownBy(() -> AtomicFiles.write(eml, new byte[64 * 1024]))
                    .hasMessageEndingWith("; nothing was written");

            try (Stream<Path> files = Files.list(eml.getParent())) {
                assertThat(files).as("no .eml that looks ready to send").isEmpty();
            }
        }
    }
}
