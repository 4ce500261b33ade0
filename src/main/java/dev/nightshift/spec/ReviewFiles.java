package dev.nightshift.spec;

import dev.nightshift.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The owner's review of a local pull request: {@code <spec>.review.md} beside the spec in active/,
 * free text with optional {@code path:line: text} lines. Once every point of it is answered (or
 * left to the owner) it becomes {@code <spec>.review.done.md}, the answers appended.
 */
public final class ReviewFiles {

    static final String REVIEW = ".review.md";
    static final String DONE = ".review.done.md";
    private static final long MAX_BYTES = 256 * 1024;
    private static final Pattern LINE_POINT = Pattern.compile("^\\s*([A-Za-z0-9_.][^\\s:]*):(\\d{1,7}):\\s*(\\S.*)$");

    /** One point of the file: a line's ({@code path} and {@code line} set) or the free text. */
    public record Point(String path, Integer line, String text) {
    }

    private ReviewFiles() {
    }

    /** Is this file name a review beside a spec, never a spec itself? */
    public static boolean isReviewFile(String fileName) {
        return fileName.endsWith(REVIEW) || fileName.endsWith(DONE);
    }

    /** The review files that may stand beside a spec: they move with it. */
    public static List<String> besideSpec(String spec) {
        return List.of(spec + REVIEW, spec + DONE);
    }

    /** Where the owner writes the review of a spec whose pull request is local. */
    public static Path reviewOf(Path projectDir, String spec) {
        return projectDir.resolve(SpecFolder.ACTIVE.folderName()).resolve(spec + REVIEW);
    }

    /**
     * The file's points: each {@code path:line: text} line one point, the rest of the text (when
     * there is any) one more. Empty when there is no such regular file; a link is not followed.
     */
    public static List<Point> read(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new SpecException(file, 0, "is larger than " + MAX_BYTES / 1024 + " KiB; a review is read up to that size");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<Point> points = new ArrayList<>();
        StringBuilder free = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            Matcher m = LINE_POINT.matcher(line);
            if (m.matches()) {
                points.add(new Point(m.group(1), Integer.parseInt(m.group(2)), m.group(3).strip()));
            } else {
                free.append(line).append('\n');
            }
        }
        // The lines taken out as points leave gaps: one blank line between paragraphs is kept.
        String rest = free.toString().strip().replaceAll("\\n{3,}", "\n\n");
        if (!rest.isEmpty()) {
            points.add(new Point(null, null, rest));
        }
        return points;
    }

    /**
     * The review answered: its text and the answers go to {@code <spec>.review.done.md} (after what
     * earlier rounds left there), and the review file is gone from active/.
     */
    public static Optional<Path> settle(Path review, String answers) {
        if (!Files.isRegularFile(review, LinkOption.NOFOLLOW_LINKS) || !review.getFileName().toString().endsWith(REVIEW)) {
            return Optional.empty();
        }
        String name = review.getFileName().toString();
        Path done = review.resolveSibling(name.substring(0, name.length() - REVIEW.length()) + DONE);
        try {
            String before = Files.isRegularFile(done, LinkOption.NOFOLLOW_LINKS)
                    ? Files.readString(done, StandardCharsets.UTF_8).stripTrailing() + "\n\n---\n\n" : "";
            String asked = Files.readString(review, StandardCharsets.UTF_8).strip();
            AtomicFiles.write(done, before + asked + "\n\n" + answers.strip() + "\n");
            Files.delete(review);
        } catch (IOException e) {
            throw new UncheckedIOException("could not move " + review + " to " + done, e);
        }
        return Optional.of(done);
    }
}
