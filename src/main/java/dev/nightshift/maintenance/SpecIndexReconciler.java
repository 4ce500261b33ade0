package dev.nightshift.maintenance;

import dev.nightshift.config.Home;
import dev.nightshift.phase.BatchRun;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.Workspace;
import dev.nightshift.store.Observations.SpecIndexEntry;
import dev.nightshift.store.Records.SpecMove;
import dev.nightshift.store.SpecChange;
import dev.nightshift.store.SpecIndexRepository;
import dev.nightshift.store.SpecMoveRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Brings the spec index in line with the files, which are the truth: new files, files whose text
 * changed, files gone, and files the owner moved to another folder by hand. A hand move is
 * recorded like nightshift's own moves and taken as it is; nothing is moved back.
 */
@Component
class SpecIndexReconciler {

    private static final Logger log = LoggerFactory.getLogger(SpecIndexReconciler.class);
    /** A list item's ticked box, at the start of its line. */
    private static final Pattern TICKED = Pattern.compile("(?m)^(\\s*[-*+]\\s+)\\[[xX]]");

    private final Home home;
    private final SpecIndexRepository index;
    private final SpecMoveRepository moves;
    private final Clock clock;

    public SpecIndexReconciler(Home home, SpecIndexRepository index, SpecMoveRepository moves, Clock clock) {
        this.home = home;
        this.index = index;
        this.moves = moves;
        this.clock = clock;
    }

    /** @return how many specs of each kind of change were found */
    public Map<SpecChange, Integer> reconcile(BatchRun run, Workspace workspace) {
        Map<SpecChange, Integer> counts = new EnumMap<>(SpecChange.class);
        for (ProjectQueue project : workspace.projects()) {
            // What a dry run would record, said once per project and kind of change: a first dry
            // run over thousands of specs finds them all new.
            Map<SpecChange, List<String>> wouldRecord = new EnumMap<>(SpecChange.class);
            Map<String, SpecIndexEntry> indexed = index.entries(project.name()).stream()
                    .collect(Collectors.toMap(SpecIndexEntry::spec, Function.identity()));
            Set<String> seen = new HashSet<>();
            for (Spec spec : project.all()) {
                seen.add(spec.name());
                reconcile(run, spec, indexed.get(spec.name()), counts, wouldRecord);
            }
            for (SpecIndexEntry entry : indexed.values()) {
                if (entry.removedAt() == null && !seen.contains(entry.spec())) {
                    record(run, entry.project(), entry.spec(), SpecChange.REMOVED, "was in " + entry.folder() + "/", counts,
                            wouldRecord);
                    if (!run.dryRun()) {
                        index.removed(entry.project(), entry.spec(), clock.instant());
                    }
                }
            }
            wouldRecord.forEach((change, specs) -> log.info("DRY-RUN: would record {} spec(s) of {} as {}: {}",
                    specs.size(), project.name(), change.label(), String.join(", ", specs)));
        }
        return counts;
    }

    private void reconcile(BatchRun run, Spec spec, SpecIndexEntry entry, Map<SpecChange, Integer> counts,
                           Map<SpecChange, List<String>> wouldRecord) {
        String folder = spec.folder().folderName();
        boolean changed = true;
        boolean isNew = entry == null || entry.removedAt() != null;
        // A dry run records nothing: the text of a new spec is read again only to be recorded.
        String hash = isNew && run.dryRun() ? null : contentHash(spec);
        if (isNew) {
            record(run, spec.project(), spec.name(), SpecChange.NEW, "in " + folder + "/", counts, wouldRecord);
        } else {
            boolean moved = !entry.folder().equals(folder);
            boolean edited = !entry.hash().equals(hash);
            changed = moved || edited;
            if (moved && !movedByNightshift(spec)) {
                String detail = "from " + entry.folder() + "/ to " + folder + "/";
                record(run, spec.project(), spec.name(), SpecChange.MOVED_BY_HAND, detail, counts, wouldRecord);
                if (!run.dryRun()) {
                    moves.record(run.batchId(), spec.project(), spec.name(), entry.folder(), folder,
                            "moved by hand (found by the spec index)", clock.instant());
                }
            }
            if (edited) {
                record(run, spec.project(), spec.name(), SpecChange.CHANGED, "its text changed", counts, wouldRecord);
            }
        }
        if (!run.dryRun()) {
            index.seen(run.batchId(), spec.project(), spec.name(), folder,
                    home.root().relativize(spec.file().toAbsolutePath()).toString(), hash, spec.title(), changed,
                    clock.instant());
        }
    }

    /** nightshift's own latest recorded move put the spec where it is now. */
    private boolean movedByNightshift(Spec spec) {
        List<SpecMove> all = moves.forSpec(spec.project(), spec.name());
        return !all.isEmpty() && all.get(all.size() - 1).toFolder().equals(spec.folder().folderName());
    }

    private void record(BatchRun run, String project, String spec, SpecChange change, String detail,
                        Map<SpecChange, Integer> counts, Map<SpecChange, List<String>> wouldRecord) {
        counts.merge(change, 1, Integer::sum);
        if (run.dryRun()) {
            wouldRecord.computeIfAbsent(change, c -> new java.util.ArrayList<>())
                    .add(change == SpecChange.NEW ? spec : spec + " (" + detail + ")");
            return;
        }
        index.change(run.batchId(), project, spec, change, detail);
        log.info("spec index: {}/{} {} ({})", project, spec, change.label(), detail);
    }

    /**
     * The hash of a spec's text with its task boxes unticked: nightshift ticking a task is not a
     * change of the spec, the owner editing it is.
     */
    static String contentHash(Spec spec) {
        String text;
        try {
            text = Files.readString(spec.file(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            text = spec.hash();
        }
        // Most texts have no ticked box: the pattern runs only over those that may.
        String unticked = text.contains("[x]") || text.contains("[X]") ? TICKED.matcher(text).replaceAll("$1[ ]") : text;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(unticked.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
