package dev.nightshift.maintenance;

import dev.nightshift.config.Home;
import dev.nightshift.io.AtomicFiles;
import dev.nightshift.phase.BatchRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps wip.md short enough to be useful: past 64 KiB, its older entries go to
 * {@code reports/wip-archive/wip-<batch>.md} and the newest (about 32 KiB) stay. The archive is
 * written before wip.md is replaced, each atomically, so no entry is ever lost.
 */
@Component
class WipCompactor {

    static final int LIMIT_BYTES = 64 * 1024;
    static final int KEEP_BYTES = 32 * 1024;
    private static final Logger log = LoggerFactory.getLogger(WipCompactor.class);

    private final Home home;

    public WipCompactor(Home home) {
        this.home = home;
    }

    /** @return how many entries were archived (0 when wip.md is small enough, or has no entries to split) */
    public int compact(BatchRun run) throws IOException {
        Path wip = home.wipJournal();
        if (!Files.isRegularFile(wip) || Files.size(wip) <= LIMIT_BYTES) {
            return 0;
        }
        String text = Files.readString(wip, StandardCharsets.UTF_8);
        List<String> parts = new ArrayList<>(List.of(text.split("(?m)^(?=## )")));
        String header = parts.isEmpty() || parts.get(0).startsWith("## ") ? "" : parts.remove(0);
        if (parts.size() < 2) {
            log.warn("wip.md is {} bytes but has no entries (## headings) to archive; left as it is", Files.size(wip));
            return 0;
        }
        int keepFrom = parts.size() - 1;
        int kept = bytes(parts.get(keepFrom));
        while (keepFrom > 0 && kept + bytes(parts.get(keepFrom - 1)) <= KEEP_BYTES) {
            keepFrom--;
            kept += bytes(parts.get(keepFrom));
        }
        List<String> archived = parts.subList(0, keepFrom);
        Path archive = home.wipArchive().resolve("wip-" + run.batchId() + ".md");
        if (run.dryRun()) {
            log.info("DRY-RUN: would archive {} older entries of wip.md to {}", archived.size(), archive);
            return archived.size();
        }
        AtomicFiles.write(archive, "# wip.md, older entries (archived by batch " + run.batchId() + ")\n\n"
                + String.join("", archived));
        AtomicFiles.write(wip, header + String.join("", parts.subList(keepFrom, parts.size())));
        log.info("wip.md compacted: {} older entries archived to {}, {} kept", archived.size(),
                home.root().relativize(archive), parts.size() - keepFrom);
        return archived.size();
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
