package dev.nightshift.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.exec.RunningProcesses;
import dev.nightshift.git.Git;
import dev.nightshift.order.PrIntent;
import dev.nightshift.order.WorkOrder;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.pr.LocalPullRequestHost;
import dev.nightshift.pr.PullRequestHosts;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.SpecMover;
import dev.nightshift.spec.SpecParser;
import dev.nightshift.spec.WorkspaceReader;
import dev.nightshift.store.BuildOutcome;
import dev.nightshift.store.BuildRepository;
import dev.nightshift.store.PullRequestRepository;
import dev.nightshift.store.PullRequestState;
import dev.nightshift.store.Records.BuildResult;
import dev.nightshift.store.Records.PullRequest;
import dev.nightshift.store.SpecMoveRepository;
import dev.nightshift.testing.TestHome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The supervisor decides once and writes it down: the order holds the spec as read and its hash,
 * the task, the pull request intent from the closed pull request rule, the failure to start from,
 * the notes and journal the agent reads, the project's settings and the names follow-ups must avoid.
 */
class WorkOrdersTests {

    private static final BatchRun RUN = new BatchRun("20261205-020000", false, null, Instant.now(), "test");

    @TempDir
    Path dir;

    private TestHome home;
    private JdbcClient db;
    private WorkOrders orders;

    @BeforeEach
    void aProjectWithTwoSpecsAndABrokenOne() {
        home = TestHome.create(dir);
        home.project("shop", "paths: [\"src/**\", \"tests/**\"]\n");
        home.spec("shop", "active", "0001-feature", "---\nverify: bash tests/run.sh\n---\n# Feature\n\n## Tasks\n"
                + "- [x] First part\n- [ ] Second part\n");
        home.spec("shop", "next", "0002-other", "# Other\n");
        home.spec("shop", "next", "0003-broken", "---\npriority: [\n---\n# Broken\n");
        TestHome.write(home.root().resolve("wip-specs/shop/notes.md"), "Use the sandbox keys.\n");
        db = home.db();
        Git git = new Git(new ProcessRunner(new RunningProcesses(), new ProcessDeadline(), SecretMasker.none()),
                new ProcessEnvironment(System.getenv(), Set.of()));
        PullRequestRepository pulls = new PullRequestRepository(db, SecretMasker.none());
        orders = new WorkOrders(home.home(), new PreviousFailure(new BuildRepository(db, SecretMasker.none())),
                new PullRequestHosts(List.of(new LocalPullRequestHost(pulls, git))),
                new SpecMover(new SpecMoveRepository(db, SecretMasker.none()), Clock.systemUTC()));
    }

    private ProjectQueue queue() {
        return WorkspaceReader.read(home.home(), "shop").project("shop").orElseThrow();
    }

    private WorkOrder order(PullRequestState state, boolean reopen, boolean branchOnRemote) {
        ProjectQueue queue = queue();
        PullRequest pr = state == null ? null : new PullRequest(1L, "shop", "0001-feature", "local", 7, "local:shop#7",
                "nightshift/0001-feature", "Feature", state, "abc", "", Instant.now(), Instant.now(), null);
        var spec = queue.find("0001-feature").orElseThrow();
        if (reopen) {
            home.spec("shop", "active", "0001-feature", "---\nreopen: true\n---\n# Feature\n\n## Tasks\n"
                    + "- [x] First part\n- [ ] Second part\n");
            queue = queue();
            spec = queue.find("0001-feature").orElseThrow();
        }
        ReadySpecs.History history = new ReadySpecs.History(pr == null ? Map.of() : Map.of("0001-feature", pr),
                Map.of("0001-feature", 1), 0, false, null, branch -> branchOnRemote);
        ReadySpecs.Choice choice = ReadySpecs.choose(queue, NightshiftSettings.defaults().build(), history);
        assertThat(choice.spec().name()).isEqualTo(spec.name());
        return orders.order(RUN, queue, choice, 1, "## 2026-12-04 22:00 · shop/0001-feature · tests failed\n\nTask: x",
                history.branchOnRemote()).order();
    }

    @Test
    void theOrderHoldsEverythingTheBuildNeedsAsItWasAtPlanning() {
        new BuildRepository(db, SecretMasker.none()).save(new BuildResult("20261204-220000", "shop", "0001-feature",
                "Second part", BuildOutcome.TESTS_FAILED, "the test command exited with 1", "FAIL test_two\n", null, null,
                null, null, 2, 1, null, Instant.parse("2026-12-04T22:00:00Z"), Instant.parse("2026-12-04T22:05:00Z")));

        WorkOrder order = order(null, false, true);

        assertThat(order.project()).isEqualTo("shop");
        assertThat(order.batchId()).isEqualTo(RUN.batchId());
        assertThat(order.spec().path()).isEqualTo("wip-specs/shop/active/0001-feature.md");
        assertThat(order.spec().sha256()).as("the hash the build checks")
                .isEqualTo(SpecParser.hashOf(home.root().resolve(order.spec().path())).orElseThrow());
        assertThat(order.spec().meta().verify()).isEqualTo("bash tests/run.sh");
        assertThat(order.task().text()).isEqualTo("Second part");
        assertThat(order.task().index()).isEqualTo(1);
        assertThat(order.branch()).isEqualTo("nightshift/0001-feature");
        assertThat(order.intent()).isEqualTo(PrIntent.NEW);
        assertThat(order.prNumber()).isNull();
        assertThat(order.previousFailure().tail()).isEqualTo("FAIL test_two\n");
        assertThat(order.failuresInARow()).isEqualTo(1);
        assertThat(order.notes()).isEqualTo("Use the sandbox keys.\n");
        assertThat(order.journal()).contains("Task: x");
        assertThat(order.settings().paths()).containsExactly("src/**", "tests/**");
        assertThat(order.knownSpecs()).extracting(WorkOrder.KnownSpec::name)
                .containsExactlyInAnyOrder("0001-feature", "0002-other", "0003-broken");
    }

    @Test
    void anOpenPullRequestIsContinued() {
        WorkOrder order = order(PullRequestState.OPEN, false, true);

        assertThat(order.intent()).isEqualTo(PrIntent.CONTINUE);
        assertThat(order.prNumber()).isEqualTo(7);
    }

    @Test
    void aClosedPullRequestWhoseBranchTheOwnerDeletedStartsAfresh() {
        WorkOrder order = order(PullRequestState.CLOSED, false, false);

        assertThat(order.intent()).isEqualTo(PrIntent.AFRESH);
        assertThat(order.prNumber()).isEqualTo(7);
        assertThat(order.intentReason()).contains("PR #7 was closed without merge and its branch was deleted");
    }

    @Test
    void aClosedPullRequestOfASpecThatSaysReopenIsReopened() {
        WorkOrder order = order(PullRequestState.CLOSED, true, true);

        assertThat(order.intent()).isEqualTo(PrIntent.REOPEN);
        assertThat(order.prNumber()).isEqualTo(7);
        assertThat(order.intentReason()).contains("reopen: true");
    }
}
