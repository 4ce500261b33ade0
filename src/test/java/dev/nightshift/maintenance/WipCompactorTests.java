package dev.nightshift.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.Home;
import dev.nightshift.phase.BatchRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WipCompactorTests {

    private static final String HEADER = "# wip.md: nightshift's memory\n\nOne entry per agent run, newest last.\n";

    @TempDir
    Path dir;

    @Test
    void pastSixtyFourKibibytesTheOlderEntriesAreArchivedAndTheNewestKept() throws Exception {
        List<String> entries = entries(120);
        Path wip = dir.resolve("wip.md");
        Files.writeString(wip, HEADER + String.join("", entries));
        assertThat(Files.size(wip)).isGreaterThan(64 * 1024);

        int archived = new WipCompactor(new Home(dir)).compact(run(false));

        String kept = Files.readString(wip);
        String archive = Files.readString(dir.resolve("reports/wip-archive/wip-20260113-140000.md"));
        assertThat(archived).isBetween(1, 119);
        assertThat(kept).startsWith(HEADER).endsWith(entries.get(119));
        assertThat(kept.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(HEADER.length() + 32 * 1024);
        assertThat(archive).startsWith("# wip.md, older entries (archived by batch 20260113-140000)")
                .contains(entries.get(0), entries.get(archived - 1)).doesNotContain(entries.get(archived));
        List<String> both = new ArrayList<>(blocks(archive));
        both.addAll(blocks(kept));
        assertThat(both).as("every entry is in one place or the other, in order")
                .isEqualTo(entries.stream().map(String::strip).toList());
        try (var temp = Files.list(dir)) {
            assertThat(temp.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aSmallWipMdOrADryRunIsLeftAsItIs() throws Exception {
        Path wip = dir.resolve("wip.md");
        String small = HEADER + String.join("", entries(10));
        Files.writeString(wip, small);
        assertThat(new WipCompactor(new Home(dir)).compact(run(false))).isZero();
        assertThat(Files.readString(wip)).isEqualTo(small);

        String large = HEADER + String.join("", entries(120));
        Files.writeString(wip, large);
        assertThat(new WipCompactor(new Home(dir)).compact(run(true))).isPositive();
        assertThat(Files.readString(wip)).isEqualTo(large);
        assertThat(dir.resolve("reports/wip-archive")).doesNotExist();
    }

    private static List<String> blocks(String text) {
        return List.of(text.split("(?m)^(?=## )")).stream().filter(b -> b.startsWith("## ")).map(String::strip).toList();
    }

    private static List<String> entries(int count) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add("\n## 2026-01-%02d 14:00 · shop/0001-feature · PR updated\n\nTask: part %d\n\n%s\n"
                    .formatted(1 + i % 28, i, "note ".repeat(120)));
        }
        return entries;
    }

    private static BatchRun run(boolean dryRun) {
        return new BatchRun("20260113-140000", dryRun, null, Instant.now(), "cli");
    }
}
