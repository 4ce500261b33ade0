package dev.nightshift.secret;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.nightshift.testing.ChildNightshift;
import dev.nightshift.testing.TestHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A batch run as a real process with real secrets in its environment. The agent dumps the
 * environment it got and prints every secret it can find: it must have seen only the allow-list,
 * and nothing it printed may surface anywhere nightshift writes.
 */
class SecretsIntegrationTests {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Handed to the agent through agent.env, and shaped like an Anthropic key. */
    private static final String ANTHROPIC_KEY = "sk-ant-api03-" + random(40);
    /** Handed to the agent through agent.env; no known shape, masked because it is configured. */
    private static final String DEPLOY_KEY = "deploy-" + random(24);
    private static final String GITHUB_TOKEN = "ghp_" + random(36);
    private static final String GH_TOKEN = "gho_" + random(36);
    private static final String SMTP_PASSWORD = "mail-" + random(20);
    private static final String UNLISTED = "unlisted-" + random(20);
    /** A GitHub-shaped token the agent "finds" in a file and prints. */
    private static final String FOUND_TOKEN = "ghp_" + random(36);

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("nightshift", SMTP_PASSWORD));

    @TempDir
    Path dir;

    @Test
    void theAgentSeesOnlyTheAllowListAndNoSecretItPrintsSurfacesAnywhere() throws Exception {
        TestHome home = TestHome.create(dir);
        Path agentEnv = dir.resolve("agent-env.txt");
        Path testEnv = dir.resolve("test-env.txt");
        Path found = dir.resolve("found.txt");
        Files.writeString(found, FOUND_TOKEN + "\n");
        Path agent = home.agent("agent.sh", """
                cat > /dev/null
                env > %1$s
                echo "calling the model with $ANTHROPIC_API_KEY"
                echo "deploying with $DEPLOY_KEY" >&2
                echo "found $(cat %2$s) in a config file"
                mkdir -p .nightshift
                printf 'Used %%s and %%s; also saw %%s.\\n' "$DEPLOY_KEY" "$ANTHROPIC_API_KEY" "$(cat %2$s)" > .nightshift/note.md
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature.sh
                echo feature >> FEATURES.md
                """.formatted(agentEnv, found));
        // Unconfined: the agent and the tests write what they saw to the test's folder.
        home.settings("""
                agent: {kind: generic, command: "%s", env: [ANTHROPIC_API_KEY, DEPLOY_KEY], sandbox: none}
                mail:
                  to: [owner@example.com]
                  smtp: {host: localhost, port: %d, username: nightshift, password-env: MAIL_PW}
                """.formatted(agent, smtp.getSmtp().getPort()));
        home.project("shop", "test: |\n  env > " + testEnv + "\n  echo \"token in test output: $(cat " + found
                + ")\"\n  bash tests/run.sh\n");
        home.spec("shop", "next", "0001-feature", "# Feature\n");

        ProcessBuilder builder = ChildNightshift.builder(home, dir.resolve("console.log"), "run");
        Map<String, String> env = builder.environment();
        env.put("ANTHROPIC_API_KEY", ANTHROPIC_KEY);
        env.put("DEPLOY_KEY", DEPLOY_KEY);
        env.put("GITHUB_TOKEN", GITHUB_TOKEN);
        env.put("GH_TOKEN", GH_TOKEN);
        env.put("MAIL_PW", SMTP_PASSWORD);
        env.put("UNLISTED_SECRET", UNLISTED);
        // the owner's way to the remote: for git only, never for code the agent may have written
        env.put("SSH_AUTH_SOCK", dir.resolve("ssh-agent.sock").toString());
        env.put("GIT_SSH_COMMAND", "ssh -i " + dir.resolve("id_owner"));
        Process run = builder.start();
        assertThat(run.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String console = Files.readString(dir.resolve("console.log"));
        assertThat(run.exitValue()).as(console).isZero();

        assertThat(agentEnv).as(console).exists();
        // What reached the agent: the allow-list and nightshift's own variables, nothing else.
        Map<String, String> seen = environment(agentEnv);
        Set<String> allowed = Set.of("PATH", "HOME", "LANG", "TERM", "ANTHROPIC_API_KEY", "DEPLOY_KEY",
                "NIGHTSHIFT_PROMPT_FILE", "NIGHTSHIFT_PROJECT", "NIGHTSHIFT_SPEC", "NIGHTSHIFT_TASK", "NIGHTSHIFT_RUN",
                "PWD", "SHLVL", "_", "OLDPWD");
        assertThat(seen.keySet()).as("variables the agent saw").isSubsetOf(allowed)
                .contains("ANTHROPIC_API_KEY", "DEPLOY_KEY", "NIGHTSHIFT_RUN");
        assertThat(seen.values()).doesNotContain(GITHUB_TOKEN, GH_TOKEN, SMTP_PASSWORD, UNLISTED);
        assertThat(environment(testEnv).values()).as("the test command's environment")
                .doesNotContain(GITHUB_TOKEN, GH_TOKEN, SMTP_PASSWORD, UNLISTED, ANTHROPIC_KEY, DEPLOY_KEY);
        assertThat(environment(testEnv).keySet()).as("the test command cannot reach the owner's keys")
                .doesNotContain("SSH_AUTH_SOCK", "GIT_SSH_COMMAND");
        assertThat(seen.keySet()).doesNotContain("SSH_AUTH_SOCK", "GIT_SSH_COMMAND");

        // Where it could surface: files of the home, the database, the mail, the repository, the console.
        List<String> secrets = List.of(ANTHROPIC_KEY, DEPLOY_KEY, GITHUB_TOKEN, GH_TOKEN, SMTP_PASSWORD, FOUND_TOKEN);
        assertThat(home.originHasBranch("nightshift/0001-feature")).as("the batch did its work").isTrue();
        Map<String, String> places = new LinkedHashMap<>();
        places.put("console", console);
        for (Path file : filesOf(home.root())) {
            places.put(home.root().relativize(file).toString(), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        }
        JdbcClient db = home.db();
        places.putAll(textColumns(db));
        for (var message : smtp.getReceivedMessages()) {
            places.put("mail " + message.getSubject(), GreenMailUtil.getWholeMessage(message));
        }
        places.put("origin history", TestHome.gitOut(home.origin(), "log", "--all", "-p"));
        assertThat(places).as("places searched").containsKeys("wip.md", "reports/" + batch(db) + "/report.html",
                "reports/" + batch(db) + "/report.txt", "reports/" + batch(db) + "/report.eml");
        assertThat(smtp.getReceivedMessages()).as("mailed with the SMTP password from MAIL_PW").hasSize(1);
        List<String> leaks = new ArrayList<>();
        places.forEach((place, text) -> secrets.stream().filter(text::contains)
                .forEach(secret -> leaks.add(place + " holds " + secret.substring(0, 8) + "…")));
        assertThat(leaks).as("secrets found").isEmpty();

        // They were there, masked: the note reached wip.md, the PR comment and the report.
        assertThat(home.read("wip.md")).contains("Used [secret] and [secret]; also saw [secret].");
        assertThat(db.sql("SELECT comment FROM pull_request_updates").query(String.class).single())
                .contains("Used [secret] and [secret]; also saw [secret].");
        assertThat(Files.readString(home.latestReport().resolve("report.txt"))).contains("Used [secret] and [secret]");
        assertThat(Files.readString(home.latestReport().resolve("logs/agent-shop-1.log")))
                .contains("calling the model with [secret]", "deploying with [secret]", "found [secret] in a config file");
    }

    private static String batch(JdbcClient db) {
        return db.sql("SELECT id FROM batches").query(String.class).single();
    }

    /** Every value of every text column of every table, Spring Batch's and Quartz's included. */
    private static Map<String, String> textColumns(JdbcClient db) {
        Map<String, String> found = new LinkedHashMap<>();
        var columns = db.sql("""
                SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS
                WHERE TABLE_SCHEMA = 'PUBLIC' AND DATA_TYPE IN ('CHARACTER VARYING', 'CHARACTER LARGE OBJECT', 'CHARACTER')""")
                .query().listOfRows();
        assertThat(columns).as("text columns").hasSizeGreaterThan(20);
        for (var column : columns) {
            String table = (String) column.get("TABLE_NAME");
            String name = (String) column.get("COLUMN_NAME");
            String values = db.sql("SELECT \"" + name + "\" FROM \"" + table + "\"").query(String.class).list().stream()
                    .filter(v -> v != null).collect(Collectors.joining("\n"));
            found.put("db " + table + "." + name, values);
        }
        return found;
    }

    private static List<Path> filesOf(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static Map<String, String> environment(Path dump) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dump)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    private static String random(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
