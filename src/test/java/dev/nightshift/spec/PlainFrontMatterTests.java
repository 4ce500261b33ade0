package dev.nightshift.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.SettingsFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plain front matter is read exactly as the YAML parser reads it; anything less plain is left to that parser. */
class PlainFrontMatterTests {

    private static final Path FILE = Path.of("wip-specs/shop/next/0001-x.md");

    @Test
    void plainLinesReadAsTheYamlParserReadsThem() {
        List<String> plain = List.of(
                "priority: 2\n",
                "priority: 0\ndepends-on: [0003-auth]\n",
                "priority: -4\n",
                "depends-on: [0003-auth, 0004-billing.v2]\npriority: 7\n",
                "depends-on: []\n",
                "verify: pytest tests/test_stripe.py -v\n",
                "verify: make check-all TARGET=x86_64\n",
                "paths: [app/billing/**, tests/**]\n",
                "paths: [src/main/java/*.java]\nreopen: true\n",
                "reopen: false\n",
                "origin: agent\npriority: 3\n",
                "\npriority: 5\n\n");
        for (String yaml : plain) {
            assertThat(PlainFrontMatter.read(yaml)).as(yaml).contains(SettingsFiles.parse(FILE, yaml, 1, SpecFrontMatter.class));
        }
    }

    @Test
    void anythingLessPlainIsLeftToTheYamlParser() {
        List<String> others = List.of(
                "", "\n", "priority: 2 # first\n", "priority: \"2\"\n", "priority: 02\n", "priority: 2.5\n", "priority:\n",
                "priority:  2\n", "priority: 2\npriority: 3\n", "prio: 2\n", " priority: 2\n", "depends-on:\n  - 0003-auth\n",
                "depends-on: 0003-auth\n", "depends-on: [0003]\n", "depends-on: ['0003-auth']\n", "depends-on: [a, null]\n",
                "depends-on: [*alias]\n", "verify: 'make test'\n", "verify: make test: all\n", "verify: true\n", "verify: 12\n",
                "verify: -x\n", "verify: make #x\n", "verify: make  \n", "reopen: yes\n", "reopen: True\n", "origin: human\n",
                "paths: [../outside/**]\n", "depends-on: [Bad Name]\n", "verify: .inf\n", "verify: ~\n", "verify: {a: b}\n");
        for (String yaml : others) {
            assertThat(PlainFrontMatter.read(yaml)).as(yaml.replace("\n", "\\n")).isEmpty();
        }
    }
}
