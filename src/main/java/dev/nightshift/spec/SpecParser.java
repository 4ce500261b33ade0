package dev.nightshift.spec;

import dev.nightshift.config.ConfigException;
import dev.nightshift.config.SettingsFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.front.matter.YamlFrontMatterBlock;
import org.commonmark.ext.front.matter.YamlFrontMatterExtension;
import org.commonmark.node.BulletList;
import org.commonmark.node.Heading;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.internal.InlineParserImpl;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.InlineParser;
import org.commonmark.parser.Parser;

/**
 * Reads a spec: commonmark finds the front matter block, the title and the {@code ## Tasks} list
 * with their lines; Jackson reads the front matter's YAML into typed values.
 */
public final class SpecParser {

    /** Made at the first spec {@link PlainSpecText} leaves to it: a queue of plain specs never needs it. */
    private static final class Markdown {

        static final Parser PARSER = Parser.builder()
                .extensions(List.of(YamlFrontMatterExtension.create()))
                .includeSourceSpans(IncludeSourceSpans.BLOCKS)
                // Only headings' text is read (the title, the Tasks heading); tasks are read from their
                // source lines. The inline markup of every other block, most of a spec, is not parsed.
                .inlineParserFactory(context -> {
                    InlineParser headings = new InlineParserImpl(context);
                    return (lines, block) -> {
                        if (block instanceof Heading) {
                            headings.parse(lines, block);
                        }
                    };
                })
                .build();
    }

    /** A list item's first line: its marker, an optional checkbox, the task's text. */
    static final Pattern ITEM = Pattern.compile("^(\\s*(?:[-*+]|\\d+[.)])\\s+)(?:\\[([ xX])\\]\\s*)?(.*)$");

    private SpecParser() {
    }

    /**
     * Reads and parses a spec file. A batch reads the queue in every phase, and a queue of
     * thousands of specs costs a second to parse each time: a file whose text and modification
     * time are what they were at its last read is not parsed again (its spec or its problem is
     * given again). The text itself is compared, so an edit is never missed, whatever the clock.
     */
    public static Spec read(String project, SpecFolder folder, Path file) {
        String text;
        Instant modified;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
            modified = Files.getLastModifiedTime(file).toInstant();
        } catch (java.nio.charset.MalformedInputException e) {
            throw new SpecException(file, 0, "is not UTF-8 text");
        } catch (IOException e) {
            throw new SpecException(file, 0, "cannot be read: " + e.getMessage());
        }
        return PARSED.parse(new ParsedFiles.Key(project, folder.name(), file), text, modified,
                () -> parse(project, folder, file, text, modified));
    }

    private static final ParsedFiles<Spec> PARSED = new ParsedFiles<>(SpecException.class);

    static Spec parse(String project, SpecFolder folder, Path file, String text, Instant modified) {
        String[] lines = text.split("\n", -1);
        return PlainSpecText.read(lines).flatMap(layout -> plain(project, folder, file, text, modified, lines, layout))
                .orElseGet(() -> parseMarkdown(project, folder, file, text, modified));
    }

    /** The spec from its plain layout; empty when its front matter or its body needs the full readers to say why. */
    private static java.util.Optional<Spec> plain(String project, SpecFolder folder, Path file, String text,
                                                  Instant modified, String[] lines, PlainSpecText.Layout layout) {
        SpecFrontMatter meta = SpecFrontMatter.none();
        if (layout.frontMatterEnd() >= 0) {
            StringBuilder yaml = new StringBuilder();
            for (int i = 1; i < layout.frontMatterEnd(); i++) {
                yaml.append(lines[i]).append('\n');
            }
            java.util.Optional<SpecFrontMatter> read = PlainFrontMatter.read(yaml.toString());
            if (read.isEmpty()) {
                return java.util.Optional.empty();
            }
            meta = read.get();
        }
        String body = bodyOf(lines, layout.frontMatterEnd() + 1);
        if (body.isBlank()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(spec(project, folder, file, text, modified, meta, body, layout.title(), layout.tasks()));
    }

    /** Reads the spec with commonmark: what {@link PlainSpecText} leaves, and every spec with a problem. */
    static Spec parseMarkdown(String project, SpecFolder folder, Path file, String text, Instant modified) {
        String[] lines = text.split("\n", -1);

        Node document = Markdown.PARSER.parse(text);
        SpecFrontMatter meta = SpecFrontMatter.none();
        int bodyStart = 0;
        if (document.getFirstChild() instanceof YamlFrontMatterBlock block) {
            List<SourceSpan> spans = block.getSourceSpans();
            int first = spans.get(0).getLineIndex();
            int last = spans.get(spans.size() - 1).getLineIndex();
            if (last <= first || !isFence(lines[last])) {
                // commonmark runs an unclosed block to the end of the file: the whole spec would vanish into it.
                throw new SpecException(file, first + 1, "front matter opens with --- but is not closed by a --- line,"
                        + " or is not YAML of key: value lines");
            }
            StringBuilder yaml = new StringBuilder();
            for (int i = first + 1; i < last; i++) {
                yaml.append(lines[i]).append('\n');
            }
            try {
                String frontMatter = yaml.toString();
                SpecFrontMatter read = PlainFrontMatter.read(frontMatter)
                        .orElseGet(() -> SettingsFiles.parse(file, frontMatter, first + 1, SpecFrontMatter.class));
                meta = read != null ? read : SpecFrontMatter.none();
            } catch (ConfigException e) {
                throw new SpecException(file, e.line(), "front matter: "
                        + (e.key() != null && !e.key().isEmpty() ? e.key() + ": " : "") + e.problem());
            }
            bodyStart = last + 1;
        } else if (lines.length > 0 && lines[0].strip().equals("---")) {
            throw new SpecException(file, 1, "front matter opens with --- but is not closed by a --- line,"
                    + " or is not YAML of key: value lines");
        }

        String body = bodyOf(lines, bodyStart);
        if (body.isBlank()) {
            throw new SpecException(file, bodyStart + 1, "the spec is empty; write at least a title and what to build");
        }

        String title = null;
        boolean inTasks = false;
        List<SpecTask> tasks = new ArrayList<>();
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading heading) {
                String headingText = textOf(heading).strip();
                if (heading.getLevel() == 1 && title == null) {
                    title = headingText;
                }
                if (heading.getLevel() <= 2) {
                    inTasks = heading.getLevel() == 2 && headingText.equalsIgnoreCase("tasks");
                }
            } else if (inTasks && (node instanceof BulletList || node instanceof OrderedList)) {
                for (Node item = node.getFirstChild(); item != null; item = item.getNext()) {
                    if (item instanceof ListItem && !item.getSourceSpans().isEmpty()) {
                        int line = item.getSourceSpans().get(0).getLineIndex();
                        Matcher m = ITEM.matcher(lines[line]);
                        if (m.matches() && !m.group(3).isBlank()) {
                            boolean done = m.group(2) != null && !m.group(2).isBlank();
                            tasks.add(new SpecTask(tasks.size(), m.group(3).strip(), done, line));
                        }
                    }
                }
            }
        }
        return spec(project, folder, file, text, modified, meta, body, title, tasks);
    }

    private static String bodyOf(String[] lines, int bodyStart) {
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.min(bodyStart, lines.length), lines.length));
    }

    /** The spec from its parts: without a title its name is one, without a task list the title is its one task. */
    private static Spec spec(String project, SpecFolder folder, Path file, String text, Instant modified,
                             SpecFrontMatter meta, String body, String title, List<SpecTask> tasks) {
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".md") ? fileName.substring(0, fileName.length() - 3) : fileName;
        boolean hasTaskList = !tasks.isEmpty();
        if (title == null || title.isBlank()) {
            title = name;
        }
        return new Spec(project, name, folder, file, title, meta,
                hasTaskList ? List.copyOf(tasks) : List.of(new SpecTask(0, title, false, -1)), hasTaskList, body,
                modified, sha256(text));
    }

    private static boolean isFence(String line) {
        String fence = line.strip();
        return fence.equals("---") || fence.equals("...");
    }

    private static String textOf(Node node) {
        StringBuilder text = new StringBuilder();
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text t) {
                text.append(t.getLiteral());
            } else {
                text.append(textOf(child));
            }
        }
        return text.toString();
    }

    /**
     * The hash a spec file's text has now, as {@link Spec#hash()} gives it at reading (line ends
     * as {@code \n}); empty when the file is gone or cannot be read.
     */
    public static java.util.Optional<String> hashOf(Path file) {
        try {
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(sha256(Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n")));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
