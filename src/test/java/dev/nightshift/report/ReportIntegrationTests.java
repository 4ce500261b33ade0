package dev.nightshift.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.store.Database;
import dev.nightshift.testing.HeadlessChromium;
import dev.nightshift.testing.SeededHistory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report rendered from a seeded database: the facts the owner reads, in HTML and in text. */
class ReportIntegrationTests {

    private static final int SHOT_WIDTH = 1200;
    private static final int SHOT_HEIGHT = 2000;
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
    void theSubjectCountsTheProjectsThatSucceededAndFailedAndThePullRequestsTheOwnerClosed() {
        String subject = "[nightshift] 1/3 succeeded, 2 failed, 1 closed without merge · 2026-01-13 14:00";
        assertThat(model.subject()).isEqualTo(subject);
        assertThat(html).contains("<title>" + subject + "</title>");
        assertThat(text).startsWith(subject);
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
        assertThat(html).as("mail clients strip or drop SVG").doesNotContain("<svg", "<rect");
        String history = html.substring(html.indexOf(">History<"));
        String newest = history.substring(history.indexOf(">01-13 14:00<"));
        newest = newest.substring(0, newest.indexOf("</tr>\n", newest.indexOf(">1 succeeded, 2 failed<")));
        assertThat(newest).as("the busiest batch: 1 of 3 builds green, 2 red, over the widest bar")
                .contains("bgcolor=\"#2da44e\"", "width:" + ReportChart.WIDEST / 3 + "px",
                        "bgcolor=\"#cf222e\"", "width:" + ReportChart.WIDEST * 2 / 3 + "px", ">1 succeeded, 2 failed<");
        assertThat(history).contains(">0 succeeded, 1 failed<", ">$0.20<", ">$1.82<", ">01-13 Tue<")
                .contains("bgcolor=\"#0969da\"", "width:" + ReportChart.WIDEST + "px");
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
    void aHeadlessBrowserRendersTheReportWithoutAnyExternalRequest() throws Exception {
        Optional<HeadlessChromium> chromium = HeadlessChromium.find();
        // In CI a missing browser is a broken setup (.ci/run installs it and sets the variable), not a reason to skip.
        assertThat(chromium.isPresent() || System.getenv("NIGHTSHIFT_REQUIRE_CHROMIUM") == null)
                .as("NIGHTSHIFT_REQUIRE_CHROMIUM is set but no Chromium is installed at /usr/bin/chromium:"
                        + " install the Debian package chromium").isTrue();
        Assumptions.assumeTrue(chromium.isPresent(),
                "no Chromium at /usr/bin/chromium, chromium-browser or google-chrome: the report screenshot is skipped");
        assertThat(resourceUrls(html)).as("no image, style, script or frame is fetched from the network").isEmpty();
        // Kept beside the screenshot, so a human can open the very page that was photographed.
        Path page = Path.of("target", "report-screenshot.html").toAbsolutePath();
        Files.writeString(page, html);
        Path png = Path.of("target", "report-screenshot.png").toAbsolutePath();

        HeadlessChromium.Shot shot = chromium.get().screenshot(page, png, SHOT_WIDTH, SHOT_HEIGHT, dir);

        assertThat(shot.process().timedOut()).isFalse();
        assertThat(png).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        System.out.println("report screenshot: " + png + " (" + image.getWidth() + "x" + image.getHeight() + " px, "
                + Files.size(png) + " bytes, " + colours(image) + " colours; chromium took "
                + shot.process().elapsed().toMillis() + " ms)");
        assertThat(image.getWidth()).isEqualTo(SHOT_WIDTH);
        assertThat(image.getHeight()).isEqualTo(SHOT_HEIGHT);
        assertThat(colours(image)).as("a rendered report, not a blank page: text, the red needs-you box, green and"
                + " red bars").isGreaterThan(50);
        assertThat(image.getRGB(SHOT_WIDTH / 2, 5) & 0xffffff).as("the page's grey background").isEqualTo(0xf4f5f7);
        assertThat(shot.pageRequests()).as("the page asked the network for nothing").isEmpty();
    }

    @Test
    void theExternalRequestCheckSeesAPageThatFetchesAnImage() throws Exception {
        Optional<HeadlessChromium> chromium = HeadlessChromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), "no Chromium: nothing to check the check with");
        // A closed loopback port: the request is made (and logged), nothing leaves the machine.
        String fetching = html.replace("</body>", "<img src=\"http://127.0.0.1:9/pixel.png\"></body>");
        assertThat(resourceUrls(fetching)).containsExactly("http://127.0.0.1:9/pixel.png");
        Path page = dir.resolve("fetching.html");
        Files.writeString(page, fetching);

        HeadlessChromium.Shot shot = chromium.get().screenshot(page, dir.resolve("fetching.png"), 400, 300, dir);

        assertThat(shot.pageRequests()).containsExactly("http://127.0.0.1:9/pixel.png");
    }

    /** URLs the page would load by itself (src, a stylesheet link, url(...)), as opposed to links to click. */
    private static List<String> resourceUrls(String page) {
        Matcher m = Pattern.compile("(?:\\ssrc\\s*=\\s*[\"']|<link[^>]*href\\s*=\\s*[\"']|url\\(\\s*['\"]?)(https?:[^\"')\\s]+)",
                Pattern.CASE_INSENSITIVE).matcher(page);
        List<String> urls = new java.util.ArrayList<>();
        while (m.find()) {
            urls.add(m.group(1));
        }
        return urls;
    }

    private static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                seen.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return seen.size();
    }

    private static int countOf(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
