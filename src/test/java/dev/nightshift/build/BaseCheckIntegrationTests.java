package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.store.BuildOutcome;
import dev.nightshift.testing.TestHome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No agent works on a project whose test command does not pass, countably, on base. */
class BaseCheckIntegrationTests {

    private static final String AGENT = "cat > /dev/null\n";

    @TempDir
    Path dir;

    @Test
    void aGreenBaseLetsTheBuildGoOn() {
        try (RealSteps steps = RealSteps.start(dir, AGENT, "", "# Feature\n")) {
            BuildContext build = steps.build(steps.order());

            assertThat(steps.through(build, Clone.class, BaseCheck.class).stops()).isFalse();
        }
    }

    @Test
    void aRedBaseStopsTheBuildAsTheSetupsFailureNamingTheSettingToFix() {
        try (RealSteps steps = RealSteps.start(dir, AGENT, "", "# Feature\n")) {
            TestHome.write(steps.home.root().resolve("wip-specs/shop/project.yml"),
                    "repo: " + steps.home.origin() + "\nbase: main\ntest: bash tests/missing.sh\n");
            BuildContext build = steps.build(steps.order());

            StepResult result = steps.through(build, Clone.class, BaseCheck.class);

            assertThat(result.outcome()).isEqualTo(BuildOutcome.FAILED);
            assertThat(result.detail()).startsWith("the test command fails on main at ")
                    .contains("fix test in wip-specs/shop/project.yml");
            assertThat(result.journal()).isFalse();
            assertThat(build.changes()).as("the spec keeps its place").isEmpty();
        }
    }
}
