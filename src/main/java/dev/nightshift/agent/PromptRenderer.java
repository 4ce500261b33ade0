package dev.nightshift.agent;

import dev.nightshift.config.Home;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/**
 * Renders the agent's prompts from {@code prompts/build.md}, {@code prompts/merge.md} and
 * {@code prompts/address-review.md}: the home's copy when the owner made one, otherwise the one
 * shipped with nightshift. Values are inserted, never parsed as template.
 */
@Component
public class PromptRenderer {

    /** What the prompt is made of. */
    public record PromptFacts(String project, String specName, String specTitle, String specBody, String task,
                              String notes, String journal, String gitLog, String failure, int followupLimit) {
    }

    /** What the prompt to finish a conflicted merge is made of. */
    public record MergeFacts(String project, String specName, String specTitle, String specBody, String ref,
                             List<String> files, String gitLog) {
    }

    /** What the prompt of a run that answers the owner's review is made of. */
    public record ReviewFacts(String project, String specName, String specTitle, String specBody, int prNumber,
                              List<Point> points, String notes, String gitLog, String failure) {
    }

    /**
     * One review point as the agent reads it: numbered (the number heads its answer), where it
     * was written, by whom, the diff hunk of a line comment, the text.
     */
    public record Point(int number, String where, String author, String hunk, String text) {

        /** The text as a Markdown quote, each line marked, so no line of it reads as the prompt's own. */
        public String getQuoted() {
            return text.strip().replace("\n", "\n> ");
        }

        public int getNumber() {
            return number;
        }

        public String getWhere() {
            return where;
        }

        public String getAuthor() {
            return author;
        }

        public String getHunk() {
            return hunk;
        }
    }

    private final Home home;
    private final TemplateEngine engine;

    public PromptRenderer(Home home) {
        this.home = home;
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCacheable(false);
        this.engine = new TemplateEngine();
        this.engine.setTemplateResolver(resolver);
    }

    public String render(PromptFacts facts) {
        Context context = new Context();
        context.setVariables(Map.of(
                "project", facts.project(),
                "specName", facts.specName(),
                "specTitle", facts.specTitle(),
                "specBody", facts.specBody(),
                "task", facts.task(),
                "notes", orNone(facts.notes()),
                "journal", orNone(facts.journal()),
                "gitLog", orNone(facts.gitLog()),
                "followupLimit", facts.followupLimit()));
        context.setVariable("failure", facts.failure());
        return engine.process(template("build.md"), context);
    }

    /** The prompt of a run whose only job is to finish a merge that stopped on conflicts. */
    public String renderMerge(MergeFacts facts) {
        Context context = new Context();
        context.setVariables(Map.of(
                "project", facts.project(),
                "specName", facts.specName(),
                "specTitle", facts.specTitle(),
                "specBody", facts.specBody(),
                "ref", facts.ref(),
                "files", facts.files(),
                "gitLog", orNone(facts.gitLog())));
        return engine.process(template("merge.md"), context);
    }

    /** The prompt of a run whose only job is to answer the owner's review, point by point. */
    public String renderReview(ReviewFacts facts) {
        Context context = new Context();
        context.setVariables(Map.of(
                "project", facts.project(),
                "specName", facts.specName(),
                "specTitle", facts.specTitle(),
                "specBody", facts.specBody(),
                "prNumber", facts.prNumber(),
                "points", facts.points(),
                "notes", orNone(facts.notes()),
                "gitLog", orNone(facts.gitLog())));
        context.setVariable("failure", facts.failure());
        return engine.process(template("address-review.md"), context);
    }

    /** The home's prompts/NAME when the owner made one, else the one shipped with nightshift. */
    private String template(String name) {
        Path override = home.promptOverride().resolveSibling(name);
        try {
            if (Files.isRegularFile(override)) {
                return Files.readString(override, StandardCharsets.UTF_8);
            }
            try (InputStream in = PromptRenderer.class.getResourceAsStream("/prompts/" + name)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the prompt template", e);
        }
    }

    private static String orNone(String text) {
        return text == null || text.isBlank() ? "(none yet)" : text.strip();
    }
}
