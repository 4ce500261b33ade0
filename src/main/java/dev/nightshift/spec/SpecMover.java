package dev.nightshift.spec;

import dev.nightshift.io.AtomicFiles;
import dev.nightshift.store.SpecMoveRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves a spec between its queue folders, records the move, and for {@code blocked/} writes the
 * reason beside it. Spec files are never deleted, only moved.
 */
@Component
public class SpecMover {

    private static final Logger log = LoggerFactory.getLogger(SpecMover.class);

    private final SpecMoveRepository moves;
    private final Clock clock;

    public SpecMover(SpecMoveRepository moves, Clock clock) {
        this.moves = moves;
        this.clock = clock;
    }

    /**
     * @param dryRun when true, only says what it would do
     * @return the spec in its new place (unchanged on a dry run or when it is already there)
     */
    public Spec move(Spec spec, SpecFolder to, String reason, String batchId, boolean dryRun) {
        if (spec.folder() == to) {
            if (to == SpecFolder.BLOCKED && !dryRun) {
                writeReason(spec.file().resolveSibling(spec.name() + ".why.md"), spec, reason);
            }
            return spec;
        }
        Path projectDir = spec.file().getParent().getParent();
        Path target = projectDir.resolve(to.folderName()).resolve(spec.name() + ".md");
        if (dryRun) {
            log.info("DRY-RUN: would move {}/{} from {}/ to {}/ ({})", spec.project(), spec.name(),
                    spec.folder().folderName(), to.folderName(), reason);
            return spec;
        }
        try {
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                // Never overwrite: the older copy is kept beside it under a name that is not a spec.
                Path kept = target.resolveSibling(spec.name() + ".md.replaced-" + batchId);
                Files.move(target, kept, StandardCopyOption.REPLACE_EXISTING);
                log.warn("{} already existed; kept it as {}", target, kept.getFileName());
            }
            moveFile(spec.file(), target);
            Path oldWhy = spec.file().resolveSibling(spec.name() + ".why.md");
            if (spec.folder() == SpecFolder.BLOCKED && Files.exists(oldWhy)) {
                moveFile(oldWhy, target.resolveSibling(spec.name() + ".why.md"));
            }
            for (String beside : ReviewFiles.besideSpec(spec.name())) {
                // The owner's review and nightshift's answers to it go where the spec goes.
                Path from = spec.file().resolveSibling(beside);
                if (Files.isRegularFile(from, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && !Files.exists(target.resolveSibling(beside))) {
                    moveFile(from, target.resolveSibling(beside));
                }
            }
            if (to == SpecFolder.BLOCKED) {
                writeReason(target.resolveSibling(spec.name() + ".why.md"), spec, reason);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not move " + spec.file() + " to " + target, e);
        }
        moves.record(batchId, spec.project(), spec.name(), spec.folder().folderName(), to.folderName(), reason,
                clock.instant());
        log.info("moved {}/{} from {}/ to {}/: {}", spec.project(), spec.name(), spec.folder().folderName(),
                to.folderName(), reason);
        return spec.in(to, target);
    }

    /**
     * The reason written beside a blocked spec, as nightshift wrote it; empty when there is no
     * reason file (the owner moved it there) or it cannot be read.
     */
    public static java.util.Optional<String> reasonOf(Spec blocked) {
        Path why = blocked.file().resolveSibling(blocked.name() + ".why.md");
        String text;
        try {
            text = Files.readString(why);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
        String heading = "# Why " + blocked.name() + " is blocked\n\n";
        int start = text.startsWith(heading) ? heading.length() : 0;
        int end = text.lastIndexOf(WRITTEN_BY);
        String reason = text.substring(start, end > start ? end : text.length()).strip();
        return reason.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(reason);
    }

    private static final String WRITTEN_BY = "_Written by nightshift on ";

    private void writeReason(Path why, Spec spec, String reason) {
        String text = "# Why " + spec.name() + " is blocked\n\n" + reason.strip() + "\n\n"
                + WRITTEN_BY + Instant.now(clock) + ". Fix what it names, then move "
                + spec.name() + ".md back to next/ (or active/)._\n";
        try {
            AtomicFiles.write(why, text);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + why, e);
        }
    }

    private static void moveFile(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
