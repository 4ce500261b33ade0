package dev.nightshift.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.config.Home;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spec read again is parsed again only when its text changed; a change is never missed. */
class ParsedFilesTests {

    @TempDir
    Path dir;

    @Test
    void aTickOfTheSameSizeAndTheSameModificationTimeIsStillSeen() throws Exception {
        Path file = dir.resolve("wip-specs/shop/next/0001-x.md");
        TestHome.write(file, "# X\n\n## Tasks\n- [ ] One\n- [ ] Two\n");
        FileTime when = Files.getLastModifiedTime(file);
        assertThat(SpecParser.read("shop", SpecFolder.NEXT, file).nextTask().orElseThrow().text()).isEqualTo("One");

        Files.writeString(file, "# X\n\n## Tasks\n- [x] One\n- [ ] Two\n");
        Files.setLastModifiedTime(file, when);

        assertThat(SpecParser.read("shop", SpecFolder.NEXT, file).nextTask().orElseThrow().text()).isEqualTo("Two");
    }

    @Test
    void aBadSpecIsReportedOnEveryReadAndAFixedOneIsRead() throws Exception {
        Path file = dir.resolve("wip-specs/shop/next/0001-x.md");
        TestHome.write(file, "---\npriority: high\n---\n# X\n");

        for (int read = 0; read < 2; read++) {
            assertThatThrownBy(() -> SpecParser.read("shop", SpecFolder.NEXT, file))
                    .isInstanceOf(SpecException.class).hasMessageContaining("priority");
        }
        TestHome.write(file, "---\npriority: 2\n---\n# X\n");
        assertThat(SpecParser.read("shop", SpecFolder.NEXT, file).meta().priority()).isEqualTo(2);
    }

    @Test
    void theSameFileReadAsAnotherProjectsOrFolderIsThatProjectsSpec() {
        Path file = dir.resolve("wip-specs/shop/next/0001-x.md");
        TestHome.write(file, "# X\n");

        assertThat(SpecParser.read("shop", SpecFolder.NEXT, file).folder()).isEqualTo(SpecFolder.NEXT);
        assertThat(SpecParser.read("shop", SpecFolder.ACTIVE, file).folder()).isEqualTo(SpecFolder.ACTIVE);
    }

    @Test
    void projectSettingsChangedOnDiskAreReadAgain() {
        TestHome.write(dir.resolve("wip-specs/shop/project.yml"), "repo: /tmp/x.git\ntest: true\n");
        Home home = new Home(dir);
        assertThat(WorkspaceReader.read(home).project("shop").orElseThrow().settings().base()).isEqualTo("main");

        TestHome.write(dir.resolve("wip-specs/shop/project.yml"), "repo: /tmp/x.git\ntest: true\nbase: trunk\n");

        assertThat(WorkspaceReader.read(home).project("shop").orElseThrow().settings().base()).isEqualTo("trunk");
    }
}
