package dev.nightshift.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessResult;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.exec.ProcessSpec;
import dev.nightshift.exec.RunningProcesses;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.Database;
import dev.nightshift.testing.SeededHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report rendered from a seeded database: the facts the owner reads, in HTML and in text. */
class ReportIntegrationTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-13T15:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path dir;

    private static ReportModel model;
    private static String html;
    private static String text;

    /** Rendered once: every test reads the same report. */
    @BeforeAll
    static void render() {
        try (Database.Held db = Database.hold(new Home(dir))) {
            SeededHistory.seed(db.jdbc());
            model = StandaloneReports.data(db.jdbc(), NightshiftSettings.defaults(), CLOCK).load(SeededHistory.BATCH);
        }
        ReportRenderer renderer = new ReportRenderer();
        html = renderer.html(model);
        text = renderer.text(model);
    }

    @Test
    void theSubjectCountsTheProjectsThatSucceededAndFailed() {
        assertThat(model.subject()).isEqualTo("[nightshift] 1/3 succeeded, 2 failed · 2026-01-13 14:00");
        assertThat(html).contains("<title>[nightshift] 1/3 succeeded, 2 failed · 2026-01-13 14:00</title>");
        assertThat(text).startsWith("[nightshift] 1/3 succeeded, 2 failed · 2026-01-13 14:00");
    }

    @Test
    void theTimelineGivesEachPhaseItsStartAndDuration() {
        for (String line : List.of("14:00:01 - PHASE 1: Supervisor (3m32s)", "14:03:33 - PHASE 2: Build (18m48s)",
                "14:22:21 - PHASE 3: Maintenance (41s)", "14:23:02 - PHASE 4: Integration (8m38s)",
                "14:31:40 - PHASE 5: Report (4.0s)")) {
            assertThat(html).contains(line);
            assertThat(text).contains(line);
        }
    }

    @Test
    void eachProjectRowHasItsOutcomeCostTestsPullRequestAndNote() {
        assertThat(html).contains("<a href=\"https://github.com/me/shop/pull/12\" style=\"color:#0969da;\">PR #12 (opened)</a>");
        assertThat(text).contains("PR:    PR #12 (opened) https://github.com/me/shop/pull/12");
        for (String fact : List.of("PR opened", "tests failed", "timed out", "$0.42", "$0.30", "$1.10", "4m12s", "30m00s",
                "41 run, 41 passed", "40 run, 38 passed, 2 failed", "Added the Customer model; the webhook is next.",
                "active spec, task 1 of 2, priority 2")) {
            assertThat(html).contains(fact);
            assertThat(text).contains(fact);
        }
        assertThat(text).contains("agent's note: Added the Customer model");
    }

    @Test
    void needsYouComesFirstWithWhatOnlyTheOwnerCanSettle() {
        assertThat(html.indexOf("Needs you")).isPositive().isLessThan(html.indexOf("Projects"));
        assertThat(text.indexOf("NEEDS YOU")).isPositive().isLessThan(text.indexOf("PROJECTS"));
        String needs = html.substring(html.indexOf("Needs you"), html.indexOf("Projects"));
        assertThat(needs).contains("api/0001-auth: PR #3 was closed without merge",
                "web/0005-cleanup is blocked: held by a guard: the change deletes 900 lines",
                "api: base is red (integration failed at abcdef1234)",
                "shop: https://shop.example.com/healthz is down (HTTP 500, expected 200)",
                "api/0002-sum: tests failed", "web/0007-slow: timed out");
        assertThat(needs).as("a closed PR is named once, not again as a blocked move").containsOnlyOnce("0001-auth");
        String risks = html.substring(html.indexOf(">Risks<"));
        assertThat(risks).contains("0002-sum failed its last 2 batches", "timed out in the last 3 batches");
    }

    @Test
    void spendAndTheChartOfTheLastBatchesAreShown() {
        assertThat(html).contains("$1.82 of $5.00 today", "$2.42 of $100.00 this month");
        assertThat(text).contains("$1.82 of $5.00 today");
        assertThat(model.chart().batches()).hasSize(4);
        assertThat(model.chart().batchLines()).containsExactly("20260110-140000: 1 succeeded, 0 failed",
                "20260111-140000: 0 succeeded, 1 failed", "20260112-140000: 1 succeeded, 0 failed",
                "20260113-140000: 1 succeeded, 2 failed");
        assertThat(model.chart().dayLines()).hasSize(14).contains("2026-01-11: $0.20", "2026-01-13: $1.82");
        Matcher svg = Pattern.compile("<svg[^>]*>(.*?)</svg>", Pattern.DOTALL).matcher(html);
        assertThat(svg.find()).isTrue();
        assertThat(svg.group(1)).contains("<rect fill=\"#2da44e\"", "<rect fill=\"#cf222e\"", "<rect fill=\"#0969da\"")
                .contains("<title>20260113-140000: 1 succeeded, 2 failed</title>");
        assertThat(text).contains("Last 4 batch(es): 3 project build(s) succeeded, 3 failed", "20260111-140000: 0 succeeded, 1 failed",
                "  2026-01-11: $0.20", "  2026-01-13: $1.82").doesNotContain("2026-01-09: $0.00");
    }

    @Test
    void everythingFromAnAgentATestOrARepositoryIsEscaped() {
        assertThat(html).doesNotContain("<script", "<img", "</pre><script>")
                .contains("&lt;/pre&gt;&lt;script&gt;alert(&#39;tail&#39;)&lt;/script&gt;",
                        "&lt;img src=x onerror=alert(&#39;note&#39;)&gt;",
                        "&lt;script&gt;alert(&#39;review&#39;)&lt;/script&gt;");
        assertThat(countOf(html, "<pre")).isEqualTo(countOf(html, "</pre>")).isEqualTo(1);
        assertThat(text).contains(SeededHistory.HOSTILE_TAIL, SeededHistory.HOSTILE_NOTE, "Fix api's sum test first.");
    }

    @Test
    void theHtmlKeepsToWhatMailClientsRender() {
        assertThat(html).doesNotContain("<style", "<link", "<iframe", "javascript:", "<img", "src=\"http");
        assertThat(html).contains("style=\"");
    }

    @Test
    void aHeadlessBrowserRendersTheHtml() throws Exception {
        Optional<Path> chromium = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
                .stream().map(Path::of).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(chromium.isPresent(),
                "no Chromium at /usr/bin/chromium, chromium-browser or google-chrome: the report screenshot is skipped");
        // Kept beside the screenshot, so a human can open the very page that was photographed.
        Path page = Path.of("target", "report-screenshot.html").toAbsolutePath();
        Files.writeString(page, html);
        Path screenshot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        ProcessRunner runner = new ProcessRunner(new RunningProcesses(), new ProcessDeadline(), SecretMasker.none());
        ProcessResult result = runner.run(ProcessSpec.of("chromium", List.of(chromium.get().toString(), "--headless",
                        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--user-data-dir=" + dir.resolve("chromium-profile"),
                        "--screenshot=" + screenshot, "--window-size=900,1400", page.toUri().toString()),
                dir, ProcessEnvironment.ofSystem(Set.of()).forTools(Map.of()), Duration.ofSeconds(90),
                dir.resolve("chromium.log")));
        System.out.println("chromium took " + result.elapsed().toMillis() + " ms; screenshot at " + screenshot);
        assertThat(result.timedOut()).isFalse();
        assertThat(screenshot).exists();
        byte[] png = Files.readAllBytes(screenshot);
        assertThat(png.length).isGreaterThan(10_000);
        assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    private static int countOf(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
