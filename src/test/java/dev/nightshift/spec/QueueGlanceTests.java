package dev.nightshift.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.Home;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The glance before the queue is read: only "no spec file waits anywhere" is a sure answer. */
class QueueGlanceTests {

    @TempDir
    Path dir;

    @Test
    void aSpecFileInNextOrActiveMayBeWork() throws Exception {
        Home home = new Home(dir);
        assertThat(QueueGlance.mayHaveWork(home, null)).as("no wip-specs at all").isFalse();

        write("wip-specs/shop/done/0001-old.md");
        write("wip-specs/shop/blocked/0002-held.md");
        write("wip-specs/shop/blocked/0002-held.why.md");
        write("wip-specs/shop/next/.0003-draft.md.swp");
        write("wip-specs/shop/next/notes.txt");
        write("wip-specs/_parked/next/0004-later.md");
        assertThat(QueueGlance.mayHaveWork(home, null)).as("finished, held, hidden, not a spec, or an ignored folder")
                .isFalse();

        write("wip-specs/web/active/0005-feature.md");
        assertThat(QueueGlance.mayHaveWork(home, null)).isTrue();
        assertThat(QueueGlance.mayHaveWork(home, "shop")).as("only the named project is looked at").isFalse();
        assertThat(QueueGlance.mayHaveWork(home, "web")).isTrue();

        write("wip-specs/shop/next/0006-broken.md");
        assertThat(QueueGlance.mayHaveWork(home, "shop")).as("even a broken spec: reading it decides").isTrue();
    }

    private void write(String relative) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# x\n");
    }
}
