package dev.nightshift.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.NotifySettings;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.testing.ChildNightshift;
import dev.nightshift.testing.TestHome;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook against a real HTTP server on loopback: each format's body, the bearer token, a
 * failed POST that waits in the outbox and goes with the next batch, and a token written nowhere.
 */
class WebhookIntegrationTests {

    private static final String TOKEN = "whk-7f3a9c1e5b-never-written";
    private static final String TOKEN_ENV = "NIGHTSHIFT_WEBHOOK_TOKEN";
    private static final String SUBJECT = "[nightshift] 1/3 succeeded, 2 failed · 2026-01-13 14:00";
    private static final String PATH = "/hooks/T000/B000";

    /** One request as the server saw it; header names in lower case. */
    record Received(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name, List.of()).stream().findFirst().orElse(null);
        }
    }

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    /** Statuses to answer, in order; 200 once they are used up. */
    private final ConcurrentLinkedDeque<Integer> statuses = new ConcurrentLinkedDeque<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                Map<String, List<String>> headers = new java.util.HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            Integer status = statuses.poll();
            exchange.sendResponseHeaders(status != null ? status : 200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @ParameterizedTest
    @EnumSource(NotifySettings.Format.class)
    void eachFormatPostsTheSubjectTheNeedsYouItemsAndTheReportPathWithTheBearerToken(NotifySettings.Format format)
            throws Exception {
        Home home = new Home(dir.resolve("home"));
        Webhook webhook = webhook(home, new NotifySettings(url(), TOKEN_ENV, format), Map.of(TOKEN_ENV, TOKEN));

        webhook.queue("20260113-140000", SUBJECT, List.of("api/0002-sum: tests failed", "web: <b>\"held\"</b>"));
        Mailer.Delivery delivery = webhook.flush();

        assertThat(delivery.sent()).isEqualTo(1);
        assertThat(delivery.waiting()).isZero();
        assertThat(received).hasSize(1);
        Received r = received.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo(PATH);
        assertThat(r.header("authorization")).isEqualTo("Bearer " + TOKEN);
        String report = home.batchReports("20260113-140000").resolve("report.html").toAbsolutePath().toString();
        String items = "Needs you:\n- api/0002-sum: tests failed\n- web: <b>\"held\"</b>\nReport: " + report;
        JsonMapper json = JsonMapper.builder().build();
        switch (format) {
            case SLACK -> {
                assertThat(r.header("content-type")).isEqualTo("application/json");
                JsonNode body = json.readTree(r.body());
                assertThat(body.propertyNames()).containsExactly("text");
                assertThat(body.path("text").asString()).as("Slack's control characters escaped, as it asks")
                        .isEqualTo(SUBJECT + "\n" + items.replace("<", "&lt;").replace(">", "&gt;"));
            }
            case DISCORD -> {
                assertThat(r.header("content-type")).isEqualTo("application/json");
                JsonNode body = json.readTree(r.body());
                assertThat(body.propertyNames()).containsExactlyInAnyOrder("content", "allowed_mentions");
                assertThat(body.path("content").asString()).isEqualTo(SUBJECT + "\n" + items);
            }
            case NTFY -> {
                assertThat(r.header("content-type")).startsWith("text/plain");
                assertThat(r.body()).isEqualTo(items);
                String title = r.header("title");
                assertThat(title).as("the subject's middle dot is not ASCII: an RFC 2047 word").startsWith("=?UTF-8?B?");
                assertThat(new String(Base64.getDecoder().decode(title.substring(10, title.length() - 2)),
                        StandardCharsets.UTF_8)).isEqualTo(SUBJECT);
            }
        }
        assertThat(outbox(home)).as("posted: out of the outbox").isEmpty();
        assertThat(home.batchReports("20260113-140000").resolve("webhook.json")).exists();
    }

    @ParameterizedTest
    @EnumSource(NotifySettings.Format.class)
    void textAnAgentWroteIntoANeedsYouItemPingsNobody(NotifySettings.Format format) throws Exception {
        Home home = new Home(dir.resolve("home"));
        Webhook webhook = webhook(home, new NotifySettings(url(), null, format), Map.of());
        webhook.queue("20260113-140000", SUBJECT, List.of("api/0002-sum: agent failed: <!channel> @everyone @here look"));

        assertThat(webhook.flush().sent()).isEqualTo(1);

        String body = received.get(0).body();
        assertThat(body).doesNotContain("@everyone", "@here").contains("@\u200Beveryone", "@\u200Bhere");
        if (format == NotifySettings.Format.SLACK) {
            // <!channel> is Slack's own mention syntax; elsewhere it is plain text
            assertThat(JsonMapper.builder().build().readTree(body).path("text").asString())
                    .doesNotContain("<!channel>").contains("&lt;!channel&gt;");
        }
        if (format == NotifySettings.Format.DISCORD) {
            JsonNode parse = JsonMapper.builder().build().readTree(body).path("allowed_mentions").path("parse");
            assertThat(parse.isArray() && parse.isEmpty()).as("Discord parses no mention at all").isTrue();
        }
    }

    @Test
    void withoutTokenEnvNoAuthorizationIsSentAndATokenVariableThatIsNotSetPostsNothing() {
        Home home = new Home(dir.resolve("home"));
        webhook(home, new NotifySettings(url(), null, null), Map.of()).queue("20260113-140000", SUBJECT, List.of());
        assertThat(webhook(home, new NotifySettings(url(), null, null), Map.of()).flush().sent()).isEqualTo(1);
        assertThat(received.get(0).header("authorization")).isNull();
        assertThat(received.get(0).body()).isEqualTo("{\"text\":\"" + SUBJECT + "\\nReport: "
                + home.batchReports("20260113-140000").resolve("report.html").toAbsolutePath() + "\"}");

        Webhook unset = webhook(home, new NotifySettings(url(), TOKEN_ENV, null), Map.of());
        unset.queue("20260113-160000", SUBJECT, List.of());
        Mailer.Delivery delivery = unset.flush();

        assertThat(delivery.problem()).isEqualTo("notify.token-env names " + TOKEN_ENV
                + ", which is not set in nightshift's environment");
        assertThat(delivery.waiting()).isEqualTo(1);
        assertThat(received).as("nothing posted without the token it should carry").hasSize(1);
    }

    @Test
    void aFailedPostWaitsInTheOutboxAndGoesFirstWithTheNextBatchOnce() throws Exception {
        Home home = new Home(dir.resolve("home"));
        Webhook webhook = webhook(home, new NotifySettings(url(), TOKEN_ENV, null), Map.of(TOKEN_ENV, TOKEN));
        statuses.add(503);

        webhook.queue("20260113-140000", "[nightshift] first", List.of());
        Mailer.Delivery failed = webhook.flush();

        assertThat(failed.sent()).isZero();
        assertThat(failed.waiting()).isEqualTo(1);
        assertThat(failed.problem()).isEqualTo("webhook " + url().replace(PATH, "") + " answered HTTP 503")
                .as("a webhook's path is its key: never in a message").doesNotContain("/hooks");
        assertThat(outbox(home)).containsExactly("20260113-140000.webhook.json");
        assertThat(Files.readString(home.outbox().resolve("20260113-140000.webhook.json"))).doesNotContain(TOKEN);

        webhook.queue("20260113-160000", "[nightshift] second", List.of());
        Mailer.Delivery next = webhook.flush();

        assertThat(next.sent()).isEqualTo(2);
        assertThat(received.stream().map(r -> r.body().substring(9, r.body().indexOf('\\'))))
                .containsExactly("[nightshift] first", "[nightshift] first", "[nightshift] second");
        assertThat(outbox(home)).isEmpty();
        assertThat(webhook.flush().sent()).as("nothing goes out twice").isZero();
        assertThat(received).hasSize(3);
    }

    @Test
    void realBatchesPostThroughTheOutboxAndTheTokenReachesNoFileAndNoAgent() throws Exception {
        TestHome home = TestHome.create(dir);
        Path agentEnv = dir.resolve("agent-env.txt");
        Path agent = home.agent("agent.sh", """
                cat > /dev/null
                env > %s
                n=$(ls tests/test_feature_*.sh 2>/dev/null | wc -l)
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature_$((n+1)).sh
                echo "$NIGHTSHIFT_TASK" >> FEATURES.md
                """.formatted(agentEnv));
        // Unconfined: the agent writes its environment into the test's folder, which a sandbox would hide.
        home.settings("agent: {kind: generic, command: \"%s\", sandbox: none}\nnotify: {webhook: \"%s\", token-env: %s, format: discord}\n"
                .formatted(agent, url(), TOKEN_ENV));
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n\n## Tasks\n- [ ] One\n- [ ] Two\n");
        statuses.add(500);

        runChild(home, "first.log");
        List<String> batches = home.db().sql("SELECT id FROM batches ORDER BY id").query(String.class).list();
        assertThat(received).hasSize(1);
        assertThat(outbox(home.home())).containsExactly(batches.get(0) + ".webhook.json");

        runChild(home, "second.log");
        batches = home.db().sql("SELECT id FROM batches ORDER BY id").query(String.class).list();

        assertThat(received).as("the waiting message first, then the new one").hasSize(3);
        assertThat(received.get(1).body()).contains("reports/" + batches.get(0) + "/report.html");
        assertThat(received.get(2).body()).contains("reports/" + batches.get(1) + "/report.html", "1/1 succeeded");
        assertThat(received).allMatch(r -> ("Bearer " + TOKEN).equals(r.header("authorization")));
        assertThat(outbox(home.home())).isEmpty();
        assertThat(Files.readString(agentEnv)).as("the agent's environment").doesNotContain(TOKEN, TOKEN_ENV);
        List<String> holding = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Files.walk(home.root()), Stream.of(dir.resolve("first.log"),
                dir.resolve("second.log"), agentEnv))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(TOKEN)) {
                    holding.add(file.toString());
                }
            }
        }
        assertThat(holding).as("files that hold the token (the database, logs, reports, outbox included)").isEmpty();
    }

    @Test
    void aDryRunPostsNothingAndQueuesNothing() throws Exception {
        TestHome home = TestHome.create(dir);
        Path agent = home.agent("agent.sh", "cat > /dev/null\necho change >> FEATURES.md\n");
        home.settings("agent: {kind: generic, command: \"%s\"}\nnotify: {webhook: \"%s\"}\n".formatted(agent, url()));
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");

        assertThat(home.run("run", "--dry-run")).isZero();

        assertThat(received).isEmpty();
        assertThat(outbox(home.home())).isEmpty();
    }

    private void runChild(TestHome home, String log) throws Exception {
        ProcessBuilder builder = ChildNightshift.builder(home, dir.resolve(log), "run");
        builder.environment().put(TOKEN_ENV, TOKEN);
        Process run = builder.start();
        assertThat(run.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(Files.readString(dir.resolve(log))).isZero();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    private static Webhook webhook(Home home, NotifySettings notify, Map<String, String> environment) {
        NightshiftSettings settings = new NightshiftSettings(null, null, null, null, null, null, null, null, null, notify, null, null);
        return new Webhook(home, settings, new ProcessEnvironment(environment, Set.of()));
    }

    private static List<String> outbox(Home home) throws IOException {
        if (!Files.isDirectory(home.outbox())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(home.outbox())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".webhook.json")).sorted().toList();
        }
    }
}
