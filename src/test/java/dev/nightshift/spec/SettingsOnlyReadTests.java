package dev.nightshift.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.Home;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading only the projects' settings finds the same projects, settings and problems as the full read, and no spec. */
class SettingsOnlyReadTests {

    @TempDir
    Path dir;

    @Test
    void theSettingsOnlyReadSeesTheSameProjectsAndSettingsWithoutTheirSpecs() throws Exception {
        write("wip-specs/shop/project.yml", "repo: /tmp/shop.git\ntest: make test\nintegration: make it\n");
        write("wip-specs/shop/next/0001-feature.md", "# Feature\n");
        write("wip-specs/web/project.yml", "repo: /tmp/web.git\ntests: [a]\n");
        write("wip-specs/web/next/0002-page.md", "# Page\n");
        write("wip-specs/_parked/project.yml", "repo: /tmp/x.git\ntest: true\n");
        Home home = new Home(dir);

        Workspace full = WorkspaceReader.read(home);
        Workspace settings = WorkspaceReader.readSettings(home, null);

        assertThat(settings.projects()).extracting(ProjectQueue::name).containsExactly("shop", "web");
        for (int i = 0; i < 2; i++) {
            ProjectQueue a = full.projects().get(i);
            ProjectQueue b = settings.projects().get(i);
            assertThat(b.usable()).isEqualTo(a.usable());
            assertThat(b.settings()).isEqualTo(a.settings());
            assertThat(b.settingsError() == null).isEqualTo(a.settingsError() == null);
            assertThat(b.all()).as("no spec read").isEmpty();
        }
        assertThat(settings.projects().get(0).settings().integration()).isEqualTo("make it");
        assertThat(full.projects().get(0).all()).hasSize(1);
        assertThat(WorkspaceReader.readSettings(home, "web").projects()).extracting(ProjectQueue::name).containsExactly("web");
    }

    private void write(String relative, String text) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
