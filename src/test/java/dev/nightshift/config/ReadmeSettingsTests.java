package dev.nightshift.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's settings block says "the values below are the defaults": pasted as nightshift.yml, it is exactly them. */
class ReadmeSettingsTests {

    @TempDir
    Path dir;

    @Test
    void theReadmeSettingsBlockIsAValidNightshiftYmlEqualToTheDefaults() throws IOException {
        String block = settingsBlock(Files.readAllLines(Path.of("README.md")));
        assertThat(block).contains("schedule:", "# to: [", "# smtp: {");
        Files.writeString(dir.resolve("nightshift.yml"), block);

        NightshiftSettings pasted = SettingsFiles.readGlobal(new Home(dir));

        assertThat(pasted).isEqualTo(NightshiftSettings.defaults());
        assertThat(pasted.mail().to()).as("no placeholder address").isEmpty();
        assertThat(pasted.mail().smtp()).as("no server the owner did not name").isNull();
    }

    /** The first yaml block after "**Settings.**", its list-item indentation removed. */
    private static String settingsBlock(List<String> readme) {
        int at = 0;
        while (!readme.get(at).contains("**Settings.**")) {
            at++;
        }
        while (!readme.get(at).strip().equals("```yaml")) {
            at++;
        }
        String indent = readme.get(at).substring(0, readme.get(at).indexOf('`'));
        StringBuilder yaml = new StringBuilder();
        for (at++; !readme.get(at).strip().equals("```"); at++) {
            String line = readme.get(at);
            yaml.append(line.startsWith(indent) ? line.substring(indent.length()) : line.strip()).append('\n');
        }
        return yaml.toString();
    }
}
