package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.order.WorkOrder;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build carries out the order only while the spec's file holds the text it was planned from. */
class PreflightTests {

    @TempDir
    Path dir;

    private TestHome home;
    private Path file;
    private WorkOrder order;

    @BeforeEach
    void aPlannedSpec() {
        home = TestHome.create(dir);
        home.project("shop", "");
        file = home.spec("shop", "next", "0001-feature", "# Feature\n\n## Tasks\n- [ ] First part\n");
        order = FakeOrders.order(home, "shop", "0001-feature");
    }

    @Test
    void anUnchangedSpecGoesOn() {
        assertThat(new Preflight().run(FakeOrders.context(home.home(), order, false)).stops()).isFalse();
    }

    @Test
    void aSpecWhoseLineEndsAloneChangedIsStillTheSameText() throws Exception {
        Files.writeString(file, "# Feature\r\n\r\n## Tasks\r\n- [ ] First part\r\n");

        assertThat(new Preflight().run(FakeOrders.context(home.home(), order, false)).stops()).isFalse();
    }

    @Test
    void aSpecEditedSincePlanningIsSkippedNamingItsFile() throws Exception {
        Files.writeString(file, "# Feature\n\n## Tasks\n- [ ] First part, but differently\n");

        StepResult result = new Preflight().run(FakeOrders.context(home.home(), order, false));

        assertThat(result.outcome()).isEqualTo(BuildOutcome.SKIPPED);
        assertThat(result.detail()).startsWith("wip-specs/shop/next/0001-feature.md changed since planning")
                .contains("the next batch plans it again");
        assertThat(result.journal()).as("nothing of the agent's ran").isFalse();
    }

    @Test
    void aSpecMovedOrDeletedSincePlanningIsSkippedNamingItsFile() throws Exception {
        Files.move(file, file.resolveSibling("0001-renamed.md"));

        StepResult result = new Preflight().run(FakeOrders.context(home.home(), order, false));

        assertThat(result.outcome()).isEqualTo(BuildOutcome.SKIPPED);
        assertThat(result.detail()).startsWith("wip-specs/shop/next/0001-feature.md is gone since planning");
    }

    @Test
    void aSpecReplacedByALinkToTheSameTextIsNotRead() throws Exception {
        Path elsewhere = dir.resolve("same.md");
        Files.move(file, elsewhere);
        Files.createSymbolicLink(file, elsewhere);

        assertThat(new Preflight().run(FakeOrders.context(home.home(), order, false)).outcome())
                .isEqualTo(BuildOutcome.SKIPPED);
    }

    @Test
    void aSpecWhoseFrontMatterAloneGainedAVerifyIsSkipped() throws Exception {
        Files.writeString(file, "---\nverify: \"true\"\n---\n# Feature\n\n## Tasks\n- [ ] First part\n");

        assertThat(new Preflight().run(FakeOrders.context(home.home(), order, false)).outcome())
                .isEqualTo(BuildOutcome.SKIPPED);
    }

    @Test
    void aSpecMovedToAnotherFolderWithTheSameTextIsSkipped() throws Exception {
        Path active = Files.createDirectories(file.getParent().resolveSibling("active"));
        Files.move(file, active.resolve(file.getFileName()));

        StepResult result = new Preflight().run(FakeOrders.context(home.home(), order, false));

        assertThat(result.outcome()).isEqualTo(BuildOutcome.SKIPPED);
        assertThat(result.detail()).startsWith("wip-specs/shop/next/0001-feature.md is gone since planning");
    }

    @Test
    void aLoneCarriageReturnIsAChangeNotALineEnd() throws Exception {
        Files.writeString(file, "# Feature\n\n## Tasks\n- [ ] First part\r- [x] Second part\n");

        assertThat(new Preflight().run(FakeOrders.context(home.home(), order, false)).outcome())
                .isEqualTo(BuildOutcome.SKIPPED);
    }

    @Test
    void aDryRunStopsHereSayingWhatItWouldHaveDone() {
        StepResult result = new Preflight().run(FakeOrders.context(home.home(), order, true));

        assertThat(result.outcome()).isEqualTo(BuildOutcome.SKIPPED);
        assertThat(result.detail()).isEqualTo("dry run: would run the agent on \"First part\"");
    }
}
