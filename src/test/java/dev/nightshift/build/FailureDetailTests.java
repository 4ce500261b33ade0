package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** An agent's failure in one short line, with its log for the rest. */
class FailureDetailTests {

    private static final Path HOME = Path.of("/srv/home");
    private static final Path LOG = HOME.resolve("reports/20260113-140000/logs/agent-shop-1.log");

    @Test
    void oneLineIsKeptAsItIs() {
        assertThat(FailureDetail.of("exited with 1: 529 overloaded", LOG, HOME))
                .isEqualTo("exited with 1: 529 overloaded; see reports/20260113-140000/logs/agent-shop-1.log for the rest");
    }

    @Test
    void manyLinesBecomeTheFirstAndTheLastMeaningfulOne() {
        assertThat(FailureDetail.of("exited with 1: starting\n  step 1\n\nstep 2\n  Error: no such file  \n\n", LOG, HOME))
                .startsWith("exited with 1: starting … Error: no such file; see ");
    }

    @Test
    void aVeryLongLineIsCutShort() {
        String detail = FailureDetail.of("x".repeat(5000), LOG, HOME);

        assertThat(detail.substring(0, detail.indexOf("; see "))).hasSize(FailureDetail.MAX_CHARS).endsWith("…");
    }

    @Test
    void silenceIsSaid() {
        assertThat(FailureDetail.of("  \n", LOG, HOME)).startsWith("said nothing; see ");
    }
}
