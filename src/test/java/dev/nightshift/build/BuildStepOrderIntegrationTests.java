package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build nightshift wires runs its steps in the one order that keeps unverified work from a push. */
class BuildStepOrderIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void theHashCheckComesFirstTheBaseBeforeAnyAgentAndPublishingLast() {
        try (RealSteps steps = RealSteps.start(dir, "cat > /dev/null\n", "", "# Feature\n")) {
            assertThat(steps.bean(ProjectBuild.class).steps()).extracting(s -> s.getClass().getSimpleName())
                    .containsExactly("Preflight", "Clone", "StartAfresh", "BaseCheck", "Merge", "WorkingCopy",
                            "FixAttempts", "Publish");
        }
    }
}
