package dev.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.cli.NightshiftContext.Purpose;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchContextAotTests {

    @AfterEach
    void switchOff() {
        System.clearProperty(BatchContextAot.SWITCH);
    }

    @Test
    void withoutTheLaunchersSwitchEveryContextIsWorkedOutAtItsStart() {
        assertThat(BatchContextAot.applies(Purpose.BATCH, false)).isFalse();
    }

    @Test
    void theDaemonAWorkerAndABatchOnASharedDatabaseAreNeverPrecomputed() {
        System.setProperty(BatchContextAot.SWITCH, "true");

        assertThat(BatchContextAot.applies(Purpose.DAEMON, false)).isFalse();
        assertThat(BatchContextAot.applies(Purpose.WORKER, false)).isFalse();
        assertThat(BatchContextAot.applies(Purpose.WORKER, true)).isFalse();
        assertThat(BatchContextAot.applies(Purpose.BATCH, true)).isFalse();
    }
}
