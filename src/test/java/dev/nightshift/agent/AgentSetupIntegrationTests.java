package dev.nightshift.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.Captured;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent command that cannot be started is the setup's problem, never the spec's: the
 * supervisor gives no work and says why, and a run that still cannot start is a plain failure
 * that does not count against the spec.
 */
class AgentSetupIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void anAgentCommandNotOnPathGivesNoProjectWorkAndTellsTheOwnerWhy() throws Exception {
        TestHome home = TestHome.create(dir);
        home.settings("agent: {kind: generic, command: \"fake-agnet --yes\"}\n");
        home.project("shop", "");
        home.project("docs", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");
        home.spec("docs", "next", "0001-intro", "# Intro\n");

        assertThat(home.run("run")).as("the batch could do nothing it was asked to").isEqualTo(1);

        var db = home.db();
        String why = "the agent command \"fake-agnet\" is not on PATH (agent.command in nightshift.yml)";
        assertThat(db.sql("SELECT reason FROM plans ORDER BY project").query(String.class).list()).containsExactly(why, why);
        assertThat(db.sql("SELECT COUNT(*) FROM plans WHERE spec IS NOT NULL").query(Integer.class).single()).isZero();
        assertThat(db.sql("SELECT COUNT(*) FROM agent_runs").query(Integer.class).single()).isZero();
        assertThat(db.sql("SELECT COUNT(*) FROM build_results").query(Integer.class).single()).isZero();
        String report = Files.readString(home.latestReport().resolve("report.txt"));
        assertThat(report.substring(report.indexOf("NEEDS YOU"))).contains(why + ": no project gets agent work");
        assertThat(home.exists("wip-specs/shop/next/0001-feature.md")).isTrue();
    }

    @Test
    void anAgentThatCannotStartFailsTheBuildPlainlyAndNeverBlocksTheSpec() throws Exception {
        TestHome home = TestHome.create(dir);
        // an executable file whose interpreter does not exist: found, but it cannot be started
        Path agent = home.agent("agent.sh", "#!/nonexistent/interpreter\necho never\n");
        home.settings("agent: {kind: generic, command: \"" + agent + "\"}\nbuild: {max-attempts: 1}\n");
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");

        assertThat(home.run("run")).isEqualTo(1);
        assertThat(home.run("run")).isEqualTo(1);

        var db = home.db();
        assertThat(db.sql("SELECT outcome FROM build_results").query(String.class).list()).containsExactly("FAILED", "FAILED");
        String detail = db.sql("SELECT detail FROM build_results").query(String.class).list().get(0);
        assertThat(detail).isEqualTo("the agent command \"" + agent
                + "\" could not be started: No such file or directory (agent.command in nightshift.yml)");
        assertThat(Files.readString(home.latestReport().resolve("report.txt"))).doesNotContain("setsid");
        assertThat(home.exists("wip-specs/shop/next/0001-feature.md"))
                .as("two batches with max-attempts 1: a setup problem is not the spec's failure").isTrue();
    }

    @Test
    void aScriptPathTheWorktreeLacksIsASetupProblemNamedWithWhatToDoAndNeverBlocksTheSpec() throws Exception {
        TestHome home = TestHome.create(dir);
        Path ran = dir.resolve("agent-ran");
        home.agent("fake-agent.sh", "cat > /dev/null\necho run >> " + ran + "\n");
        // bash is found; agents/fake-agent.sh is relative, read from the worktree the agent runs in, where it is not
        home.settings("agent: {kind: generic, command: \"bash agents/fake-agent.sh\"}\nbuild: {max-attempts: 1}\n");
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");

        assertThat(home.run("run")).isEqualTo(1);
        assertThat(home.run("run")).isEqualTo(1);

        assertThat(ran).doesNotExist();
        var db = home.db();
        assertThat(db.sql("SELECT outcome FROM build_results").query(String.class).list()).containsExactly("FAILED", "FAILED");
        String why = "the agent command could not start its program (exit 127: bash: agents/fake-agent.sh: No such file"
                + " or directory): check agent.command in nightshift.yml; its working folder is the worktree, so give"
                + " paths after the first word as absolute paths";
        assertThat(db.sql("SELECT detail FROM build_results").query(String.class).list()).containsExactly(why, why);
        assertThat(db.sql("SELECT COUNT(*) FROM agent_runs").query(Integer.class).single())
                .as("one run a batch: no fix attempts for a program that never started").isEqualTo(2);
        assertThat(home.exists("wip-specs/shop/next/0001-feature.md"))
                .as("two batches with max-attempts 1: a setup problem is not the spec's failure").isTrue();
        String report = Files.readString(home.latestReport().resolve("report.txt"));
        assertThat(report.substring(report.indexOf("NEEDS YOU"))).contains(why);
        Captured status = Captured.run(home, "status");
        assertThat(status.section("QUEUE")).contains("shop (setup problem)");
        assertThat(status.section("PROBLEMS").replaceAll("\\s+", " ")).contains(why);
    }
}
