package dev.nightshift.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.nightshift.config.ConfigException;
import dev.nightshift.config.Home;
import dev.nightshift.config.SettingsFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of broken input the owner can write (settings, project files, specs, names, links),
 * each with the exact message nightshift gives, and proof that what is not broken is still read.
 */
class BrokenInputTests {

    /** What a case writes into a home that already holds a good project "good" and a good spec in "shop". */
    interface Setup {
        void write(Path home) throws IOException;
    }

    @TempDir
    Path dir;

    static final String SHOP = "repo: /srv/shop.git\ntest: make test\n";
    static final String LONG_NAME = "a".repeat(101);

    // ---- nightshift.yml: the batch stops before any work, exit 2, file:line: key: problem ----

    static Stream<Arguments> globalSettings() {
        return Stream.of(
                global("an unknown key", "schedul: \"0 0 * * * ?\"\n",
                        "nightshift.yml:1: schedul: unknown key (known here: agent, budget, build, database, mail, misfire,"
                                + " node, notify, retention, schedule, supervisor-agent, timeouts)"),
                global("an unknown nested key", "timeouts:\n  build: 10m\n  bild: 10m\n",
                        "nightshift.yml:3: timeouts.bild: unknown key (known here: agent, batch, build, integration,"
                                + " maintenance, report, supervisor, tests)"),
                global("a mistyped key whose record needs the key it was meant to be",
                        "agent: {kind: generic, comand: x}\n",
                        "nightshift.yml:1: agent.comand: unknown key (known here: command, env, kind, prices, sandbox, sandbox-network)"),
                global("a mistyped key after a bad value, reported first",
                        "build:\n  parallelism: three\nagent:\n  kind: generic\n  comand: x\n",
                        "nightshift.yml:5: agent.comand: unknown key (known here: command, env, kind, prices, sandbox, sandbox-network)"),
                global("a mistyped key in a nested section", "mail:\n  smtp:\n    host: localhost\n    pasword-env: PW\n",
                        "nightshift.yml:4: mail.smtp.pasword-env: unknown key (known here: host, password-env, port,"
                                + " starttls, username)"),
                global("a mistyped key among agent prices", "agent:\n  kind: codex\n  prices: {input-per-mtok: 1, output: 2}\n",
                        "nightshift.yml:3: agent.prices.output: unknown key (known here: cached-input-per-mtok,"
                                + " input-per-mtok, output-per-mtok)"),
                global("the first of two mistyped keys", "timeouts:\n  bild: 10m\nbudgt: {}\n",
                        "nightshift.yml:2: timeouts.bild: unknown key (known here: agent, batch, build, integration,"
                                + " maintenance, report, supervisor, tests)"),
                global("a duration in words", "timeouts:\n  agent: ten minutes\n",
                        "nightshift.yml:2: timeouts.agent: \"ten minutes\" is not a duration (write it like 90s, 15m,"
                                + " 2h or 1h30m)"),
                global("a zero duration", "timeouts: {build: 0m}\n",
                        "nightshift.yml:1: timeouts.build: \"0m\" is zero; a timeout must be longer than that"),
                global("a cron in words", "schedule: \"every two hours\"\n",
                        "nightshift.yml:1: schedule: \"every two hours\" is not a Quartz cron expression (six or"
                                + " seven fields, e.g. \"0 0 */2 * * ?\") nor a crontab one (five fields, e.g. \"0 */2 * * *\")"),
                global("a five-field cron out of range", "misfire: skip\nschedule: \"61 */2 * * *\"\n",
                        "nightshift.yml:2: schedule: \"61 */2 * * *\" is not a Quartz cron expression (six or seven"
                                + " fields, e.g. \"0 0 */2 * * ?\") nor a crontab one (five fields, e.g. \"0 */2 * * *\")"),
                global("a five-field cron with both day fields", "schedule: \"0 2 1 * 1\"\n",
                        "nightshift.yml:1: schedule: \"0 2 1 * 1\" names both a day of the month and a day of the week,"
                                + " which cron reads as either; Quartz cannot: keep one of them \"*\", or write Quartz's six fields"),
                global("a number in words", "build:\n  parallelism: three\n",
                        "nightshift.yml:2: build.parallelism: \"three\" is not a number"),
                global("a number out of range", "build: {parallelism: 0}\n",
                        "nightshift.yml:1: build.parallelism: 0 is too small; it must be at least 1"),
                global("an unknown agent kind", "agent:\n  kind: gpt\n",
                        "nightshift.yml:2: agent.kind: \"gpt\" is not one of claude | codex | aider | generic"),
                global("an unknown misfire rule", "misfire: sometimes\n",
                        "nightshift.yml:1: misfire: \"sometimes\" is not one of fire-once | skip"),
                global("a stop share above one", "budget:\n  stop-at: 1.5\n",
                        "nightshift.yml:2: budget.stop-at: 1.5 is not a share between 0 and 1 (e.g. 0.90)"),
                global("a negative budget", "budget: {daily-usd: -1}\n",
                        "nightshift.yml:1: budget.daily-usd: -1 is negative; a budget cannot be"),
                global("an unknown when-idle", "mail: {when-idle: maybe}\n",
                        "nightshift.yml:1: mail.when-idle: \"maybe\" is not one of skip | send"),
                global("a port out of range", "mail:\n  smtp: {host: localhost, port: 70000}\n",
                        "nightshift.yml:2: mail.smtp.port: 70000 is not a port (1 to 65535)"),
                global("a list for a section", "timeouts: [10m]\n",
                        "nightshift.yml:1: timeouts: expected a mapping of keys"),
                global("the GitHub token handed to the agent", "agent:\n  env: [ANTHROPIC_API_KEY, GITHUB_TOKEN]\n",
                        "nightshift.yml:2: agent.env[1]: GITHUB_TOKEN is nightshift's own credential and never"
                                + " reaches the agent; remove it from the list"),
                global("the SMTP password handed to the agent",
                        "mail:\n  smtp: {password-env: MAIL_PW}\nagent:\n  env: [MAIL_PW]\n",
                        "nightshift.yml:4: agent.env[0]: MAIL_PW holds the SMTP password (mail.smtp.password-env)"
                                + " and never reaches the agent; remove it from the list"),
                global("a variable name with a space", "agent:\n  env: [\"MY KEY\"]\n",
                        "nightshift.yml:2: agent.env[0]: \"MY KEY\" is not an environment variable name (letters,"
                                + " digits and '_', not starting with a digit)"),
                global("a password where its variable's name belongs",
                        "mail:\n  smtp:\n    password-env: \"hunter2 and more\"\n",
                        "nightshift.yml:3: mail.smtp.password-env: is not an environment variable name; name the"
                                + " variable that holds the password, not the password"),
                global("a recipient that is not an address", "mail:\n  to: [not an address]\n",
                        "nightshift.yml:2: mail.to[0]: \"not an address\" is not an email address (e.g. me@example.com)"),
                global("a generic agent without a command", "agent: {kind: generic}\n",
                        "nightshift.yml:1: agent.command: is missing; kind generic needs the program that reads the"
                                + " prompt on stdin"),
                global("a batch limit shorter than the report's", "timeouts: {batch: 4m}\n",
                        "nightshift.yml:1: timeouts.batch: 4m00s leaves no time before the report (timeouts.report"
                                + " is 5m00s); the batch must be longer"),
                global("a key written twice", "build: {parallelism: 2}\nbuild: {parallelism: 3}\n",
                        "nightshift.yml:2: build: is written twice; keep one"),
                global("a retention of zero days", "retention: {reports-days: 0}\n",
                        "nightshift.yml:1: retention.reports-days: 0 is too small; it must be at least 1"),
                global("a list for a command", "supervisor-agent: [a, b]\n",
                        "nightshift.yml:1: supervisor-agent: expected text"),
                global("YAML that does not parse", "build: {parallelism: 2\n",
                        "nightshift.yml:1: is not valid YAML: expected ',' or '}', but got <stream end> (while parsing"
                                + " a flow mapping that starts here)"),
                Arguments.of(Named.of("a file that is not UTF-8", (Setup) home ->
                                Files.write(home.resolve("nightshift.yml"), new byte[] {'a', ':', ' ', (byte) 0xff, '\n'})),
                        "nightshift.yml: is not UTF-8 text"));
    }

    private static Arguments global(String name, String yaml, String expected) {
        return Arguments.of(Named.of(name, (Setup) home -> write(home.resolve("nightshift.yml"), yaml)), expected);
    }

    @ParameterizedTest(name = "nightshift.yml: {0}")
    @MethodSource("globalSettings")
    void aBrokenNightshiftYmlStopsWithTheExactMessage(Setup setup, String expected) throws IOException {
        Path home = goodHome();
        setup.write(home);
        assertThatThrownBy(() -> SettingsFiles.readGlobal(new Home(home)))
                .isInstanceOf(ConfigException.class)
                .extracting(e -> relative(home, e.getMessage()))
                .isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void runWithABrokenNightshiftYmlExitsTwoNamingFileLineAndKeyBeforeAnyWork() {
        Path home = goodHome();
        write(home.resolve("nightshift.yml"), "build:\n  parallelism: three\n");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        int exit;
        try {
            System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
            exit = dev.nightshift.cli.NightshiftCommand.execute("--home", home.toString(), "run");
        } finally {
            System.setErr(original);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("nightshift: " + home.resolve("nightshift.yml") + ":2: build.parallelism: \"three\" is not a number");
        assertThat(home.resolve(".nightshift")).as("no lock, no database: no work at all").doesNotExist();
    }

    // ---- project.yml, specs, names and links: reported and skipped, the rest carries on ----

    static Stream<Arguments> workspaceInputs() {
        String spec = "wip-specs/shop/next/0001-x.md";
        return Stream.of(
                project("no repo", "base: main\ntest: make test\n",
                        "wip-specs/shop/project.yml:1: repo: missing; this key is required; the project is skipped until this is fixed"),
                project("no test", "repo: /srv/shop.git\n",
                        "wip-specs/shop/project.yml:1: test: missing; this key is required; the project is skipped until this is fixed"),
                project("an unknown key", SHOP + "tset: make\n",
                        "wip-specs/shop/project.yml:3: tset: unknown key (known here: base, health, integration, paths,"
                                + " pr, protected, repo, test, test-reports); the project is skipped until this is fixed"),
                project("a mistyped required key", "repo: /srv/shop.git\ntets: make test\n",
                        "wip-specs/shop/project.yml:2: tets: unknown key (known here: base, health, integration, paths,"
                                + " pr, protected, repo, test, test-reports); the project is skipped until this is fixed"),
                project("a mistyped key in a health check", SHOP + "health:\n  - url: https://shop.example.com\n    expct: 200\n",
                        "wip-specs/shop/project.yml:5: health[0].expct: unknown key (known here: body, expect, timeout,"
                                + " url); the project is skipped until this is fixed"),
                project("a mistyped key in the PR settings", SHOP + "pr: {host: github, repo: me/shop}\n",
                        "wip-specs/shop/project.yml:3: pr.repo: unknown key (known here: api, draft, host, labels,"
                                + " repository, review-from, reviewers); the project is skipped until this is fixed"),
                project("a review-from that is no author association",
                        SHOP + "pr:\n  host: github\n  repository: me/shop\n  review-from: [OWNER, everyone]\n",
                        "wip-specs/shop/project.yml:6: pr.review-from[1]: \"everyone\" is not one of GitHub's author"
                                + " associations: COLLABORATOR, CONTRIBUTOR, FIRST_TIMER, FIRST_TIME_CONTRIBUTOR, MANNEQUIN,"
                                + " MEMBER, NONE, OWNER; the project is skipped until this is fixed"),
                project("a reviewer that is no GitHub user name",
                        SHOP + "pr:\n  host: github\n  repository: me/shop\n  reviewers: [octocat, \"me; rm -rf\"]\n",
                        "wip-specs/shop/project.yml:6: pr.reviewers[1]: \"me; rm -rf\" is not a GitHub user name (letters,"
                                + " digits and single hyphens, at most 39 characters); the project is skipped until this is fixed"),
                project("a draft on the local host", SHOP + "pr:\n  draft: true\n",
                        "wip-specs/shop/project.yml:4: pr.draft: applies to host github only; a local pull request has no"
                                + " draft state; the project is skipped until this is fixed"),
                project("a draft that is not true or false", SHOP + "pr: {host: github, repository: me/shop, draft: soon}\n",
                        "wip-specs/shop/project.yml:3: pr.draft: \"soon\" is not true or false; the project is skipped"
                                + " until this is fixed"),
                project("shell characters in base", SHOP + "base: \"main; rm -rf /\"\n",
                        "wip-specs/shop/project.yml:3: base: \"main; rm -rf /\" is not a branch name nightshift accepts"
                                + " (letters, digits, '.', '_', '-' and '/'; no \"..\", spaces or shell characters); the"
                                + " project is skipped until this is fixed"),
                project("a base that climbs out", SHOP + "base: ../../etc\n",
                        "wip-specs/shop/project.yml:3: base: \"../../etc\" is not a branch name nightshift accepts"
                                + " (letters, digits, '.', '_', '-' and '/'; no \"..\", spaces or shell characters); the"
                                + " project is skipped until this is fixed"),
                project("an unknown PR host", SHOP + "pr: {host: gitlab}\n",
                        "wip-specs/shop/project.yml:3: pr.host: \"gitlab\" is not one of local | github; the project is"
                                + " skipped until this is fixed"),
                project("github without a repository", SHOP + "pr:\n  host: github\n",
                        "wip-specs/shop/project.yml:3: pr.repository: is missing; host github needs owner/name, e.g."
                                + " me/platform; the project is skipped until this is fixed"),
                project("an API that is not http", SHOP + "pr: {host: github, repository: me/shop, api: \"file:///etc\"}\n",
                        "wip-specs/shop/project.yml:3: pr.api: \"file:///etc\" is not an http:// or https:// URL; the"
                                + " project is skipped until this is fixed"),
                project("a health check that is not http", SHOP + "health:\n  - url: ftp://shop.example.com\n",
                        "wip-specs/shop/project.yml:4: health[0].url: \"ftp://shop.example.com\" is not an http:// or"
                                + " https:// URL; the project is skipped until this is fixed"),
                project("a health status that is not one", SHOP + "health:\n  - url: https://shop.example.com\n    expect: 42\n",
                        "wip-specs/shop/project.yml:5: health[0].expect: 42 is not an HTTP status (100 to 599); the"
                                + " project is skipped until this is fixed"),
                project("a write gate that climbs out", SHOP + "paths: [\"src/**\", \"../outside/**\"]\n",
                        "wip-specs/shop/project.yml:3: paths[1]: \"../outside/**\" climbs out of the repository with"
                                + " \"..\"; write a path inside it such as \"src/**\"; the project is skipped until this is fixed"),
                project("an absolute write gate", SHOP + "paths:\n  - /etc/**\n",
                        "wip-specs/shop/project.yml:4: paths[0]: \"/etc/**\" is absolute; write a path inside the"
                                + " repository such as \"src/**\"; the project is skipped until this is fixed"),
                project("a protected path that climbs out", SHOP + "protected: [\"src/../../x\"]\n",
                        "wip-specs/shop/project.yml:3: protected[0]: \"src/../../x\" climbs out of the repository with"
                                + " \"..\"; write a path inside it such as \"src/**\"; the project is skipped until this is fixed"),
                project("a repo that git would read as an option",
                        "repo: \"--upload-pack=touch /tmp/pwned\"\ntest: make test\n",
                        "wip-specs/shop/project.yml:1: repo: \"--upload-pack=touch /tmp/pwned\" starts with '-', which"
                                + " git would read as an option; name the repository's URL or local path; the project is"
                                + " skipped until this is fixed"),
                project("a repo through a remote helper", "repo: \"ext::sh -c touch% /tmp/pwned\"\ntest: make test\n",
                        "wip-specs/shop/project.yml:1: repo: \"ext::sh -c touch% /tmp/pwned\" names a git remote helper,"
                                + " which can run commands; name the repository's URL or local path; the project is"
                                + " skipped until this is fixed"),
                project("an empty project.yml", "",
                        "wip-specs/shop/project.yml:1: is empty; it needs at least repo and test; the project is"
                                + " skipped until this is fixed"),
                project("a list for the test command", "repo: /srv/shop.git\ntest: [make, test]\n",
                        "wip-specs/shop/project.yml:2: test: expected text; the project is skipped until this is fixed"),
                input("no project.yml at all", home -> Files.delete(home.resolve("wip-specs/shop/project.yml")),
                        "wip-specs/shop/project.yml: missing; every project folder needs a project.yml; the project is"
                                + " skipped until this is fixed"),

                spec("an unknown front matter key", "---\npriority: 2\nverfy: make check\n---\n# X\n",
                        spec + ":3: front matter: verfy: unknown key (known here: depends-on, origin, paths, priority,"
                                + " reopen, verify); skipped"),
                spec("a mistyped front matter key with a bad value before it",
                        "---\ndepends-on: [\"../x\"]\ndepend-on: [0002-ok]\n---\n# X\n",
                        spec + ":3: front matter: depend-on: unknown key (known here: depends-on, origin, paths, priority,"
                                + " reopen, verify); skipped"),
                spec("front matter that is never closed", "---\npriority: 2\n# X\n",
                        spec + ":1: front matter opens with --- but is not closed by a --- line, or is not YAML of"
                                + " key: value lines; skipped"),
                spec("front matter that is not YAML", "---\ndepends-on: [0003-auth\n---\n# X\n",
                        spec + ":2: front matter: is not valid YAML: expected ',' or ']', but got <stream end> (while"
                                + " parsing a flow sequence that starts here); skipped"),
                spec("an empty body", "---\npriority: 2\n---\n\n",
                        spec + ":4: the spec is empty; write at least a title and what to build; skipped"),
                spec("a priority in words", "---\npriority: high\n---\n# X\n",
                        spec + ":2: front matter: priority: \"high\" is not a number; skipped"),
                spec("an origin with a typo", "---\norigin: agnet\n---\n# X\n",
                        spec + ":2: front matter: origin: \"agnet\" is not an origin nightshift knows; only \"agent\" is"
                                + " (nightshift writes it on the follow-ups it files; a spec you write has no origin); skipped"),
                spec("a depends-on that names no spec", "---\ndepends-on: [0009-nope]\n---\n# X\n",
                        spec + ":2: depends-on: \"0009-nope\" is not a spec of this project (no 0009-nope.md in next/,"
                                + " active/, done/ or blocked/); skipped"),
                spec("a depends-on on itself", "---\ndepends-on: [0001-x]\n---\n# X\n",
                        spec + ":2: depends-on: 0001-x -> 0001-x is a cycle, so none of them can start; skipped until"
                                + " the cycle is broken"),
                Arguments.of(Named.of("a depends-on cycle of two", (Setup) home -> {
                    write(home.resolve(spec), "---\ndepends-on: [0003-y]\n---\n# X\n");
                    write(home.resolve("wip-specs/shop/next/0003-y.md"), "---\npriority: 1\ndepends-on: [0001-x]\n---\n# Y\n");
                }), List.of(
                        spec + ":2: depends-on: 0001-x -> 0003-y -> 0001-x is a cycle, so none of them can start;"
                                + " skipped until the cycle is broken",
                        "wip-specs/shop/next/0003-y.md:3: depends-on: 0003-y -> 0001-x -> 0003-y is a cycle, so none of"
                                + " them can start; skipped until the cycle is broken")),
                spec("a depends-on that climbs out", "---\ndepends-on: [\"../../etc/passwd\"]\n---\n# X\n",
                        spec + ":2: front matter: depends-on[0]: \"../../etc/passwd\" is not a spec name: it uses"
                                + " characters outside a-z, 0-9, '.', '_', '-' or does not start with a letter or digit"
                                + " (write the file name without .md, e.g. 0003-auth); skipped"),
                spec("a spec write gate that climbs out", "---\npaths: [\"../**\"]\n---\n# X\n",
                        spec + ":2: front matter: paths[0]: \"../**\" climbs out of the repository with \"..\"; write a"
                                + " path inside it such as \"src/**\"; skipped"),
                Arguments.of(Named.of("a spec that is not UTF-8", (Setup) home ->
                                Files.write(home.resolve(spec), new byte[] {'#', ' ', (byte) 0xfe, '\n'})),
                        List.of(spec + ": is not UTF-8 text; skipped")),

                badSpecName("upper case", "Feature",
                        "uses characters outside a-z, 0-9, '.', '_', '-' or does not start with a letter or digit"),
                badSpecName("a space", "my feature",
                        "uses characters outside a-z, 0-9, '.', '_', '-' or does not start with a letter or digit"),
                badSpecName("shell characters", "x$(reboot)",
                        "uses characters outside a-z, 0-9, '.', '_', '-' or does not start with a letter or digit"),
                badSpecName("a leading dash", "-rf",
                        "uses characters outside a-z, 0-9, '.', '_', '-' or does not start with a letter or digit"),
                badSpecName("two dots", "a..b", "contains \"..\", which git does not allow in a branch name"),
                badSpecName("a .lock ending", "x.lock", "ends in \".lock\", which git does not allow in a branch name"),
                badSpecName("101 characters", LONG_NAME, "is longer than 100 characters"),
                input("a project folder in upper case", home -> write(home.resolve("wip-specs/Shop/project.yml"), SHOP),
                        "wip-specs/Shop: project folder name \"Shop\" is not allowed: it uses characters outside a-z, 0-9,"
                                + " '.', '_', '-' or does not start with a letter or digit; skipped"),
                input("a project folder with a semicolon", home -> write(home.resolve("wip-specs/my;shop/project.yml"), SHOP),
                        "wip-specs/my;shop: project folder name \"my;shop\" is not allowed: it uses characters outside"
                                + " a-z, 0-9, '.', '_', '-' or does not start with a letter or digit; skipped"),
                input("a file that is not markdown", home -> write(home.resolve("wip-specs/shop/next/todo.txt"), "x\n"),
                        "wip-specs/shop/next/todo.txt: is not a spec: spec files are named <name>.md; skipped"),
                input("a folder among the specs", home -> write(home.resolve("wip-specs/shop/next/old/0005-a.md"), "# A\n"),
                        "wip-specs/shop/next/old: is a folder; specs are files named <name>.md; skipped"),
                input("a queue folder that is a file", home -> write(home.resolve("wip-specs/shop/blocked"), "x\n"),
                        "wip-specs/shop/blocked: is not a folder; specs go in blocked/ as <name>.md files; skipped"),

                input("a spec that links out", home -> Files.createSymbolicLink(home.resolve(spec), outsideFile(home)),
                        spec + ": is a link that leaves wip-specs; skipped"),
                input("a spec that links to nothing outside", home ->
                                Files.createSymbolicLink(home.resolve(spec), home.resolveSibling("outside/nothing.md")),
                        spec + ": is a link that leaves wip-specs; skipped"),
                input("a project folder that links out", home -> {
                    Path target = home.resolveSibling("outside/project");
                    write(target.resolve("project.yml"), SHOP);
                    Files.createSymbolicLink(home.resolve("wip-specs/linked"), target);
                }, "wip-specs/linked: is a link that leaves wip-specs; skipped"),
                input("a done folder that links out", home -> {
                    Files.createDirectories(home.resolveSibling("outside/done"));
                    Files.createSymbolicLink(home.resolve("wip-specs/shop/done"), home.resolveSibling("outside/done"));
                }, "wip-specs/shop/done: is a link that leaves wip-specs; the project is skipped until this is fixed"),
                input("notes that link out", home ->
                                Files.createSymbolicLink(home.resolve("wip-specs/shop/notes.md"), outsideFile(home)),
                        "wip-specs/shop/notes.md: is a link that leaves wip-specs; the project is skipped until this is fixed"),
                input("a project.yml that links out", home -> {
                    Path target = home.resolveSibling("outside/project.yml");
                    write(target, SHOP);
                    Files.delete(home.resolve("wip-specs/shop/project.yml"));
                    Files.createSymbolicLink(home.resolve("wip-specs/shop/project.yml"), target);
                }, "wip-specs/shop/project.yml: is a link that leaves wip-specs; the project is skipped until this is fixed"));
    }

    private static Arguments project(String name, String yaml, String expected) {
        return input("project.yml: " + name, home -> write(home.resolve("wip-specs/shop/project.yml"), yaml), expected);
    }

    private static Arguments spec(String name, String text, String expected) {
        return input("spec: " + name, home -> write(home.resolve("wip-specs/shop/next/0001-x.md"), text), expected);
    }

    private static Arguments badSpecName(String name, String specName, String why) {
        return input("spec name with " + name, home -> write(home.resolve("wip-specs/shop/next/" + specName + ".md"), "# X\n"),
                "wip-specs/shop/next/" + specName + ".md: spec name \"" + specName + "\" is not allowed: it " + why + "; skipped");
    }

    private static Arguments input(String name, Setup setup, String expected) {
        return Arguments.of(Named.of(name, setup), List.of(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workspaceInputs")
    void brokenInputIsReportedExactlyAndSkippedWhileTheRestIsRead(Setup setup, List<String> expected) throws IOException {
        Path home = goodHome();
        setup.write(home);

        Workspace workspace = WorkspaceReader.read(new Home(home));

        assertThat(workspace.allProblems()).extracting(p -> relative(home, p.toString()))
                .containsExactlyElementsOf(expected);
        ProjectQueue good = workspace.project("good").orElseThrow();
        assertThat(good.usable()).as("the other project is read").isTrue();
        assertThat(good.in(SpecFolder.NEXT)).extracting(Spec::name).containsExactly("0001-fine");
        workspace.project("shop").filter(ProjectQueue::usable).ifPresent(shop ->
                assertThat(shop.all()).extracting(Spec::name).as("the project's other spec is read").contains("0002-ok"));
    }

    // ---- the fixture ----

    private Path goodHome() {
        Path home = dir.resolve("home");
        write(home.resolve("wip-specs/good/project.yml"), "repo: /srv/good.git\ntest: make test\n");
        write(home.resolve("wip-specs/good/next/0001-fine.md"), "# Fine\n");
        write(home.resolve("wip-specs/shop/project.yml"), SHOP);
        write(home.resolve("wip-specs/shop/next/0002-ok.md"), "---\npriority: 1\n---\n# Ok\n");
        return home;
    }

    private static Path outsideFile(Path home) {
        Path secret = home.resolveSibling("outside/secret.md");
        write(secret, "# not nightshift's\n");
        return secret;
    }

    private static String relative(Path home, String message) {
        String prefix = home.toAbsolutePath().normalize() + "/";
        if (!message.startsWith(prefix)) {
            fail("the message does not name a file of the home: " + message);
        }
        return message.substring(prefix.length());
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
