package dev.nightshift.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.ChildNightshift;
import dev.nightshift.testing.TestHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where the agent's sandbox cannot run (no bubblewrap) the agent does not run, and the owner is
 * told how to fix it; where the owner chose no sandbox, every report says the agent ran unconfined.
 */
class SandboxSetupIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void withoutBubblewrapTheAgentDoesNotRunAndStatusDoctorAndTheReportSayHowToFixIt() throws Exception {
        TestHome home = TestHome.create(dir);
        Path agent = home.agent("agent.sh", "cat > /dev/null\necho ran > RAN.md\n");
        home.settings("agent: {kind: generic, command: \"" + agent + "\"}\n");
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");
        String path = pathWithoutBubblewrap();

        assertThat(child(home, path, "run")).isEqualTo(1);

        JdbcClient db = home.db();
        assertThat(db.sql("SELECT COUNT(*) FROM agent_runs").query(Integer.class).single()).isZero();
        assertThat(db.sql("SELECT outcome FROM build_results").query(String.class).single()).isEqualTo("FAILED");
        assertThat(db.sql("SELECT detail FROM build_results").query(String.class).single())
                .contains("bubblewrap (bwrap) is not installed", "apt-get install bubblewrap", "agent.sandbox: none");
        assertThat(home.exists("wip-specs/shop/next/0001-feature.md")).as("the spec keeps its place").isTrue();
        String report = Files.readString(home.latestReport().resolve("report.txt"));
        assertThat(report.substring(report.indexOf("NEEDS YOU"))).contains("bubblewrap (bwrap) is not installed");

        assertThat(child(home, path, "status")).isZero();
        assertThat(Files.readString(dir.resolve("status.log"))).contains("bubblewrap (bwrap) is not installed",
                "apt-get install bubblewrap");
        child(home, path, "doctor");
        assertThat(Files.readString(dir.resolve("doctor.log"))).contains("agent sandbox", "apt-get install bubblewrap");
    }

    @Test
    void theDemoRunsWithoutBubblewrapAndSaysThatItRanUnconfined() throws Exception {
        TestHome home = TestHome.create(dir);

        assertThat(child(home, pathWithoutBubblewrap(), "demo")).isZero();

        String console = Files.readString(dir.resolve("demo.log"));
        assertThat(console).contains("bubblewrap is not installed: the demo agent and the tests run unconfined",
                "The agent ran unconfined", "PR opened");
        assertThat(home.root().resolve("demo/nightshift.yml")).content().contains("sandbox: none");
    }

    @Test
    void withSandboxNoneEveryReportSaysTheAgentRanUnconfined() throws Exception {
        TestHome home = TestHome.create(dir);
        Path agent = home.agent("agent.sh", "cat > /dev/null\nprintf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_more.sh\n");
        home.settings("agent: {kind: generic, command: \"" + agent + "\", sandbox: none}\n");
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");

        assertThat(home.run("run")).isZero();

        assertThat(Files.readString(home.latestReport().resolve("report.txt"))).contains("The agent ran unconfined");
        assertThat(Files.readString(home.latestReport().resolve("report.html"))).contains("The agent ran unconfined");
    }

    @Test
    void anUnknownSandboxValueStopsTheBatchNamingFileLineAndKey() throws Exception {
        TestHome home = TestHome.create(dir);
        home.settings("agent:\n  kind: generic\n  command: cat\n  sandbox: firejail\n");
        home.project("shop", "");

        var captured = dev.nightshift.testing.Captured.run(home, "run");

        assertThat(captured.exit()).isEqualTo(2);
        assertThat(captured.err() + captured.out()).contains("nightshift.yml:4", "agent.sandbox", "bwrap | none");
    }

    /** Every program of this machine's PATH but bwrap, through links in a folder of their own. */
    private String pathWithoutBubblewrap() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin-without-bwrap"));
        for (String folder : System.getenv("PATH").split(":")) {
            Path from = Path.of(folder);
            if (folder.isEmpty() || !Files.isDirectory(from)) {
                continue;
            }
            try (Stream<Path> programs = Files.list(from)) {
                for (Path program : programs.toList()) {
                    Path link = bin.resolve(program.getFileName());
                    if (!program.getFileName().toString().equals("bwrap") && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, program);
                    }
                }
            }
        }
        assertThat(bin.resolve("bwrap")).doesNotExist();
        return bin.toString();
    }

    private int child(TestHome home, String path, String... args) throws Exception {
        ProcessBuilder builder = ChildNightshift.builder(home, dir.resolve(args[0] + ".log"), args);
        builder.environment().put("PATH", path);
        Process process = builder.start();
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("nightshift " + List.of(args) + " ended").isTrue();
        return process.exitValue();
    }
}
