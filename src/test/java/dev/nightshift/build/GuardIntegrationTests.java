package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Agents that try to get a change past nightshift, one project each, all in one batch: none of
 * them gets a push, and each lands in blocked/ or the failure record with the reason named.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuardIntegrationTests {

    private static final String AWS_KEY = "AKIA" + "IOSFODNN7EXAMPLE";

    /** One agent for all projects: what it does depends on the project it works on. */
    private static final String AGENT = """
            cat > /dev/null
            case "$NIGHTSHIFT_PROJECT" in
              deletetest) rm tests/test_more.sh; echo 'fast() { :; }' >> src/version.sh ;;
              testcmd)    printf '#!/usr/bin/env bash\\necho "build ok"\\n' > tests/run.sh ;;
              outside)    echo 'x' >> src/version.sh; mkdir -p docs; echo 'notes' > docs/notes.md ;;
              secret)     printf 'export AWS_ACCESS_KEY_ID=%s\\n' > src/config.sh ;;
              bigdelete)  head -n 10 src/big.txt > src/small.txt; mv src/small.txt src/big.txt ;;
              liar)       printf '#!/usr/bin/env bash\\n[ 1 = 2 ]\\n' > tests/test_new.sh; echo "All 3 tests pass" ;;
              fewer)      rm tests/test_more.sh ;;
              protected)  mkdir -p .github/workflows; echo 'on: push' > .github/workflows/ci.yml ;;
              planted)    printf '#!/usr/bin/env bash\necho "build ok"\n' > tests/run.sh
                          pass='<testsuite name="all" tests="50" failures="0"><testcase name="a"/><testcase name="b"/></testsuite>'
                          mkdir -p target/test-reports reports
                          echo "$pass" > target/test-reports/TEST-committed.xml; git add -f target/test-reports/TEST-committed.xml
                          echo "$pass" > target/test-reports/TEST-planted.xml
                          echo "$pass" > reports/TEST-future.xml; touch -d 'next year' reports/TEST-future.xml ;;
              exitzero)   printf '#!/usr/bin/env bash\necho "0 passed, 2 failed"\nexit 0\n' > tests/run.sh ;;
            esac
            exit 0
            """.formatted(AWS_KEY);

    private static final Map<String, String> TASKS = Map.of(
            "deletetest", "Speed up the version check",
            "testcmd", "Make the build faster",
            "outside", "Bump the version",
            "secret", "Configure the S3 upload",
            "bigdelete", "Tidy the big file",
            "liar", "Add the new check",
            "fewer", "Remove tests/test_more.sh, it is obsolete",
            "protected", "Run CI on push",
            "planted", "Report the test results",
            "exitzero", "Simplify the test runner");

    private TestHome home;
    private JdbcClient db;
    private String batchId;

    @BeforeAll
    void oneBatchWithEveryKindOfAgentThatCheats(@TempDir Path dir) {
        home = TestHome.create(dir);
        String big = IntStream.rangeClosed(1, 1200).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n"));
        OriginRepo.commit(home, dir, "main", Map.of("src/big.txt", big,
                "tests/test_more.sh", "#!/usr/bin/env bash\ntrue\n"), "a big file and a second test");
        Path agent = home.agent("agent.sh", AGENT);
        home.settings("agent: {kind: generic, command: \"" + agent + "\"}\nbuild: {fix-attempts: 0, parallelism: 3}\n");
        TASKS.forEach((project, task) -> {
            home.project(project, project.equals("outside") ? "paths: [\"src/**\", \"tests/**\"]\n" : "");
            home.spec(project, "next", "0001-" + project, "# " + task + "\n");
        });

        assertThat(home.run("run")).isEqualTo(1);

        db = home.db();
        batchId = db.sql("SELECT id FROM batches").query(String.class).single();
    }

    private String outcome(String project) {
        return db.sql("SELECT outcome FROM build_results WHERE project = ?").param(project).query(String.class).single();
    }

    private String detail(String project) {
        return db.sql("SELECT detail FROM build_results WHERE project = ?").param(project).query(String.class).single();
    }

    private String why(String project) {
        return home.read("wip-specs/" + project + "/blocked/0001-" + project + ".why.md");
    }

    private int gateRuns(String project) {
        return db.sql("SELECT COUNT(*) FROM gate_runs WHERE project = ?").param(project).query(Integer.class).single();
    }

    @Test
    void noCheatingAgentGetsAPush() {
        for (String project : TASKS.keySet()) {
            assertThat(home.originHasBranch("nightshift/0001-" + project)).as(project).isFalse();
        }
        assertThat(db.sql("SELECT COUNT(*) FROM pull_requests").query(Integer.class).single()).isZero();
    }

    @Test
    void deletingATestFileTheTaskDoesNotNameIsHeldBeforeTheGate() {
        assertThat(outcome("deletetest")).isEqualTo("GUARD_HELD");
        assertThat(why("deletetest")).contains("deleted files", "`tests/test_more.sh`", "nothing was pushed");
        assertThat(gateRuns("deletetest")).as("the guards run before the gate").isZero();
        Path clone = home.root().resolve(".nightshift/repos/deletetest");
        assertThat(TestHome.gitOut(clone, "show", "--stat", "nightshift-held/0001-deletetest/" + batchId))
                .as("the change is held on a local branch").contains("tests/test_more.sh");
        assertThat(TestHome.gitOut(clone, "ls-tree", "-r", "--name-only", "nightshift/0001-deletetest"))
                .as("the spec's branch is put back").contains("tests/test_more.sh");
    }

    @Test
    void changingTheTestCommandSoNothingCanBeCountedHoldsTheGateAsTestsNotCounted() {
        assertThat(outcome("testcmd")).isEqualTo("TESTS_NOT_COUNTED");
        assertThat(detail("testcmd")).contains("exited 0, but it wrote no JUnit XML report and printed no closing line");
        assertThat(home.originHasBranch("nightshift/0001-testcmd")).as("nothing pushed").isFalse();
        assertThat(home.exists("wip-specs/testcmd/next/0001-testcmd.md")).isTrue();
    }

    @Test
    void writingOutsidePathsIsHeld() {
        assertThat(outcome("outside")).isEqualTo("GUARD_HELD");
        assertThat(why("outside")).contains("outside paths", "`docs/notes.md`", "src/**").doesNotContain("`src/version.sh`");
    }

    @Test
    void addingAnAwsKeyIsHeldAndTheKeyIsWrittenNowhere() throws Exception {
        assertThat(outcome("secret")).isEqualTo("GUARD_HELD");
        assertThat(why("secret")).contains("added secret", "`src/config.sh`", "an AWS access key").doesNotContain(AWS_KEY);
        assertThat(Files.readString(home.latestReport().resolve("report.html"))).doesNotContain(AWS_KEY);
        assertThat(db.sql("SCRIPT").query(String.class).list().toString()).doesNotContain(AWS_KEY);
    }

    @Test
    void deletingAThousandLinesIsHeld() {
        assertThat(outcome("bigdelete")).isEqualTo("GUARD_HELD");
        assertThat(why("bigdelete")).contains("deleted 1190 lines", "max-deleted-lines (400)", "src/big.txt (-1190)");
    }

    @Test
    void claimingSuccessWithFailingTestsFailsTheGate() {
        assertThat(outcome("liar")).isEqualTo("TESTS_FAILED");
        assertThat(detail("liar")).isEqualTo("the test command exited with 1 (3 run, 2 passed, 1 failed, from the JUnit XML)");
        assertThat(db.sql("SELECT test_tail FROM build_results WHERE project = 'liar'").query(String.class).single())
                .contains("FAIL test_new");
    }

    @Test
    void deletingATestTheTaskNamesStillFailsWhenFewerTestsRunThanOnBase() {
        assertThat(outcome("fewer")).isEqualTo("TESTS_FAILED");
        assertThat(detail("fewer")).contains("ran 1 test(s), fewer than the 2 that main runs");
        assertThat(db.sql("SELECT tests_executed FROM base_test_counts WHERE project = 'fewer'").query(Integer.class)
                .single()).isEqualTo(2);
    }

    @Test
    void changingAProtectedPathIsHeld() {
        assertThat(outcome("protected")).isEqualTo("GUARD_HELD");
        assertThat(why("protected")).contains("protected path", "`.github/workflows/ci.yml`");
    }

    @Test
    void aPlantedPassingReportAndARunnerThatRunsNothingCountNothing() {
        assertThat(outcome("planted")).isEqualTo("TESTS_NOT_COUNTED");
        assertThat(db.sql("SELECT COUNT(*) FROM gate_runs WHERE project = 'planted' AND tests_run IS NULL AND passed = FALSE")
                .query(Integer.class).single()).as("committed, untracked and future-dated reports: none counted").isEqualTo(1);
    }

    @Test
    void aRunnerThatPrintsFailuresAndExitsZeroFailsTheGate() {
        assertThat(outcome("exitzero")).isEqualTo("TESTS_FAILED");
        assertThat(detail("exitzero")).isEqualTo("the test command exited 0, but 2 test(s) failed (2 run, 0 passed,"
                + " 2 failed, from the plain summary line)");
    }
}
