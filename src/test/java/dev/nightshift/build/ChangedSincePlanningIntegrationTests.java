package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.order.PrIntent;
import dev.nightshift.order.WorkOrder;
import dev.nightshift.order.WorkOrderJson;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build carries out the stored work order and reads nothing of wip-specs/ but the planned
 * spec's hash: a spec whose text changed after planning is skipped with the reason, never built
 * from text nobody planned, and the next batch plans it again from its new text.
 */
class ChangedSincePlanningIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void aSpecEditedAfterPlanningIsSkippedWithTheReasonAndPlannedAgainNextBatch() throws Exception {
        TestHome home = TestHome.create(dir);
        Path prompt = dir.resolve("prompt.md");
        Path agent = home.agent("agent.sh", """
                cat > /dev/null
                cp "$NIGHTSHIFT_PROMPT_FILE" %s
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_more.sh
                """.formatted(prompt));
        // The reviewer runs after the plan is stored and before the build: it stands for the owner
        // editing the spec while the batch runs. It edits only once.
        Path spec = home.spec("shop", "next", "0001-feature", "# Feature\n\nAdd a greeting.\n");
        Path edited = dir.resolve("edited");
        Path reviewer = home.agent("reviewer.sh", """
                cat > /dev/null
                if [ ! -e %1$s ]; then touch %1$s; printf '# Feature\\n\\nAdd a farewell instead.\\n' > %2$s; fi
                echo "ok" > review.md
                """.formatted(edited, spec));
        // Unconfined: the reviewer edits a file of the home, and the agent keeps its prompt in the test's folder.
        home.settings("""
                agent: {kind: generic, command: "%s", sandbox: none}
                supervisor-agent: "%s"
                """.formatted(agent, reviewer));
        home.project("shop", "");

        assertThat(home.run("run")).isZero();

        var db = home.db();
        WorkOrder order = WorkOrderJson.read(db.sql("SELECT work_order FROM plans").query(String.class).single());
        assertThat(order.spec().path()).isEqualTo("wip-specs/shop/next/0001-feature.md");
        assertThat(order.spec().body()).contains("Add a greeting.");
        assertThat(order.intent()).isEqualTo(PrIntent.NEW);
        assertThat(db.sql("SELECT outcome || ': ' || detail FROM build_results").query(String.class).single())
                .isEqualTo("SKIPPED: wip-specs/shop/next/0001-feature.md changed since planning: not built as planned;"
                        + " the next batch plans it again from its new text");
        assertThat(db.sql("SELECT COUNT(*) FROM agent_runs WHERE purpose <> 'review'").query(Integer.class).single())
                .as("no agent ran on text nobody planned").isZero();
        assertThat(prompt).doesNotExist();
        assertThat(Files.readString(spec)).as("the owner's edit stands, the spec in its place")
                .isEqualTo("# Feature\n\nAdd a farewell instead.\n");
        assertThat(home.originHasBranch("nightshift/0001-feature")).isFalse();
        assertThat(Files.readString(home.latestReport().resolve("report.txt"))).contains("changed since planning");

        assertThat(home.run("run")).isZero();

        assertThat(db.sql("SELECT outcome FROM build_results ORDER BY started_at").query(String.class).list())
                .containsExactly("SKIPPED", "PR_OPENED");
        assertThat(prompt).content().contains("Add a farewell instead.").doesNotContain("Add a greeting.");
    }
}
