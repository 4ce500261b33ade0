package dev.nightshift.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.Captured;
import dev.nightshift.testing.TestHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real batch over a home full of broken projects and specs beside one good project: the good
 * one is built, every broken one is named in the report and in status, and nothing is written
 * outside the home.
 */
class BrokenInputIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void theGoodProjectIsBuiltWhileEveryBrokenOneIsReportedAndNothingIsWrittenOutside() throws Exception {
        TestHome home = TestHome.create(dir);
        Path outside = Files.createDirectories(dir.resolve("outside"));
        TestHome.write(outside.resolve("secret.md"), "# not nightshift's\n");
        TestHome.write(outside.resolve("elsewhere/project.yml"), "repo: " + home.origin() + "\ntest: bash tests/run.sh\n");
        TestHome.write(outside.resolve("elsewhere/next/0001-x.md"), "# X\n");
        Files.createDirectories(outside.resolve("done"));
        Map<String, String> before = snapshot(outside);

        Path agent = home.agent("agent.sh", """
                cat > /dev/null
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature.sh
                echo "$NIGHTSHIFT_TASK" >> FEATURES.md
                """);
        home.settings("agent: {kind: generic, command: \"" + agent + "\"}\n");
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");
        // broken specs beside the good one
        home.spec("shop", "next", "0002-a", "---\ndepends-on: [0003-b]\n---\n# A\n");
        home.spec("shop", "next", "0003-b", "---\ndepends-on: [0002-a]\n---\n# B\n");
        home.spec("shop", "next", "0004-c", "---\ndepends-on: [0099-missing]\n---\n# C\n");
        home.spec("shop", "next", "0005-d", "---\nverfy: make\n---\n# D\n");
        home.spec("shop", "next", "0006-empty", "---\npriority: 1\n---\n");
        home.spec("shop", "next", "Bad Name", "# Bad\n");
        Files.createSymbolicLink(home.root().resolve("wip-specs/shop/next/0007-link.md"), outside.resolve("secret.md"));
        // broken projects
        project(home, "noyml", null);
        project(home, "badbase", "repo: " + home.origin() + "\ntest: bash tests/run.sh\nbase: \"main; touch " + outside + "/pwned\"\n");
        project(home, "escape", "repo: " + home.origin() + "\ntest: bash tests/run.sh\npaths: [\"../../**\"]\n");
        project(home, "dash", "repo: \"--upload-pack=touch " + outside + "/pwned\"\ntest: bash tests/run.sh\n");
        project(home, "helper", "repo: \"ext::sh -c touch% " + outside + "/pwned\"\ntest: bash tests/run.sh\n");
        project(home, "Upper", "repo: " + home.origin() + "\ntest: bash tests/run.sh\n");
        project(home, "doneout", "repo: " + home.origin() + "\ntest: bash tests/run.sh\n");
        Files.createSymbolicLink(home.root().resolve("wip-specs/doneout/done"), outside.resolve("done"));
        Files.createSymbolicLink(home.root().resolve("wip-specs/linked"), outside.resolve("elsewhere"));

        assertThat(home.run("run")).as("a skipped project is a failure the batch's exit names").isEqualTo(1);

        assertThat(home.originHasBranch("nightshift/0001-feature")).as("the good project was built").isTrue();
        assertThat(home.db().sql("SELECT project FROM build_results").query(String.class).list()).containsExactly("shop");
        String report = Files.readString(home.latestReport().resolve("report.txt"));
        assertThat(report).contains(
                "wip-specs/shop/next/0002-a.md:2: depends-on: 0002-a -> 0003-b -> 0002-a is a cycle",
                "wip-specs/shop/next/0003-b.md:2: depends-on: 0003-b -> 0002-a -> 0003-b is a cycle",
                "wip-specs/shop/next/0004-c.md:2: depends-on: \"0099-missing\" is not a spec of this project",
                "wip-specs/shop/next/0005-d.md:2: front matter: verfy: unknown key",
                "wip-specs/shop/next/0006-empty.md:4: the spec is empty",
                "wip-specs/shop/next/Bad Name.md: spec name \"Bad Name\" is not allowed",
                "wip-specs/shop/next/0007-link.md: is a link that leaves wip-specs; skipped",
                "wip-specs/noyml/project.yml: missing; every project folder needs a project.yml",
                "wip-specs/badbase/project.yml:3: base: \"main; touch " + outside + "/pwned\" is not a branch name",
                "wip-specs/escape/project.yml:3: paths[0]: \"../../**\" climbs out of the repository",
                "wip-specs/dash/project.yml:1: repo: \"--upload-pack=touch " + outside + "/pwned\" starts with '-'",
                "wip-specs/helper/project.yml:1: repo: \"ext::sh -c touch% " + outside + "/pwned\" names a git remote helper",
                "wip-specs/Upper: project folder name \"Upper\" is not allowed",
                "wip-specs/doneout/done: is a link that leaves wip-specs; the project is skipped",
                "wip-specs/linked: is a link that leaves wip-specs; skipped");
        String status = status(home);
        assertThat(status).contains("badbase (skipped)", "wip-specs/shop/next/0002-a.md:2: depends-on:");

        assertThat(snapshot(outside)).as("nothing outside the home changed").isEqualTo(before);
        try (Stream<Path> clones = Files.list(home.home().clones())) {
            assertThat(clones.map(p -> p.getFileName().toString())).as("no broken project reached git").containsExactly("shop");
        }
        assertThat(home.exists("wip-specs/shop/next/0002-a.md")).as("broken specs stay where they are").isTrue();
        assertThat(home.exists("wip-specs/badbase/next/0001-x.md")).isTrue();
    }

    @Test
    void aProjectSkippedForItsProjectYmlFailsTheBatchWhileABrokenSpecAloneDoesNot() {
        TestHome home = TestHome.create(dir);
        Path agent = home.agent("agent.sh", """
                cat > /dev/null
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature.sh
                """);
        home.settings("agent: {kind: generic, command: \"" + agent + "\"}\n");
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");
        home.spec("shop", "next", "0002-broken", "---\nverfy: make\n---\n# Broken\n");

        Captured specOnly = Captured.run(home, "run");
        assertThat(specOnly.exit()).as(specOnly.out()).isZero();

        project(home, "calc", "repo: " + home.origin() + "\ntets: bash tests/run.sh\n");
        Captured skipped = Captured.run(home, "run");

        assertThat(skipped.exit()).as(skipped.out()).isEqualTo(1);
        assertThat(skipped.err()).contains("project calc skipped: wip-specs/calc/project.yml:2: tets: unknown key");
    }

    private static void project(TestHome home, String name, String yaml) {
        if (yaml != null) {
            TestHome.write(home.root().resolve("wip-specs").resolve(name).resolve("project.yml"), yaml);
        }
        TestHome.write(home.root().resolve("wip-specs").resolve(name).resolve("next/0001-x.md"), "# X\n");
    }

    /** Every path under {@code root} with its content, links not followed. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                files.put(root.relativize(p).toString(), Files.isRegularFile(p) ? Files.readString(p) : "<folder>");
            }
        }
        return files;
    }

    private static String status(TestHome home) {
        Captured status = Captured.run(home, "status");
        assertThat(status.exit()).isZero();
        return status.out();
    }
}
