package dev.nightshift.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The one line a failed phase leaves in the record and the report. */
class PhaseFailureTests {

    @Test
    void aReportThatCouldNotBeWrittenNamesTheFileNotOnlyTheFullDisk() {
        IOException full = new IOException("No space left on device");
        Throwable failure = new ExecutionException(new UncheckedIOException(new IOException(
                "could not write /home/reports/20260113-140000/report.html (No space left on device); its previous"
                        + " version is kept", full)));

        assertThat(PhaseStepListener.rootMessage(failure)).isEqualTo("IOException: could not write"
                + " /home/reports/20260113-140000/report.html (No space left on device); its previous version is kept");
    }

    @Test
    void anyOtherFailureIsItsRootCause() {
        Throwable failure = new IllegalStateException("wrapped", new IllegalArgumentException("the real reason"));

        assertThat(PhaseStepListener.rootMessage(failure)).isEqualTo("IllegalArgumentException: the real reason");
    }
}
