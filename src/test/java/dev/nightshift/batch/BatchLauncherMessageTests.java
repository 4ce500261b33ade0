package dev.nightshift.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.Home;
import dev.nightshift.store.BatchStatus;
import dev.nightshift.testing.TestHome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `run` prints when a batch ends, and the note a stop leaves. */
class BatchLauncherMessageTests {

    @TempDir
    Path dir;

    @Test
    void aBatchWithoutAReportNamesNoReportFile() {
        Home home = new Home(dir);

        String stopped = BatchLauncher.message(home, "20260113-140000", BatchStatus.STOPPED, List.of());

        assertThat(stopped).isEqualTo("batch 20260113-140000 stopped\nno report was saved for this batch")
                .doesNotContain("report.html");
    }

    @Test
    void aBatchWithItsReportNamesItAfterWhatFailed() {
        Home home = new Home(dir);
        Path report = home.batchReports("20260113-140000").resolve("report.html");
        TestHome.write(report, "<html></html>");

        String failed = BatchLauncher.message(home, "20260113-140000", BatchStatus.FAILED, List.of("shop/0001-x: tests failed"));

        assertThat(failed).isEqualTo("batch 20260113-140000 failed:\n  shop/0001-x: tests failed\nreport: " + report);
    }

    @Test
    void theStopNoteSaysWhenTheStopCame() {
        assertThat(GracefulStop.note("during the build phase"))
                .startsWith("Stopped: nightshift was told to stop during the build phase; its processes were ended");
        assertThat(GracefulStop.note(null)).startsWith("Stopped: nightshift was told to stop as this batch began;");
    }
}
