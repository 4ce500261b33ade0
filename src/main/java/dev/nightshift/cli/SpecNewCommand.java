package dev.nightshift.cli;

import dev.nightshift.batch.BatchResult;
import dev.nightshift.config.GitRefNames;
import dev.nightshift.config.Home;
import dev.nightshift.io.AtomicFiles;
import dev.nightshift.spec.SpecFolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nightshift spec new PROJECT "title"}: a new spec in the project's next/ from the spec
 * template, named by the next free number and the title's slug ({@code 0003-stripe-billing.md}).
 */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = "Write a new spec into wip-specs/PROJECT/next/ from the template, named NNNN-title-slug.md.",
        footer = {"", "Exit codes: 0 written; 2 no such project or a title that cannot be used."})
class SpecNewCommand implements Callable<Integer> {

    private static final Pattern NUMBERED = Pattern.compile("^(\\d+)-.*\\.md$");
    private static final int MAX_SLUG = 50;

    @ParentCommand
    SpecCommand parent;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "The project folder in wip-specs/.")
    String project;

    @Parameters(index = "1", paramLabel = "TITLE", description = "The spec's title, in quotes.")
    String title;

    @Override
    public Integer call() throws IOException {
        Home home = parent.parent.home();
        Path dir = home.wipSpecs().resolve(project);
        if (!GitRefNames.isSafeName(project)) {
            System.err.println("nightshift: \"" + project + "\" is not a project name nightshift accepts"
                    + " ([a-z0-9][a-z0-9._-]*, e.g. " + suggestedName(project) + ")");
            return BatchResult.BAD_CONFIGURATION;
        }
        if (!Files.isDirectory(dir)) {
            System.err.println("nightshift: there is no project \"" + project + "\" in " + home.wipSpecs()
                    + "; create wip-specs/" + project + "/project.yml first");
            return BatchResult.BAD_CONFIGURATION;
        }
        String clean = title == null ? "" : title.strip();
        if (clean.isEmpty() || clean.contains("\n") || clean.contains("\r")) {
            System.err.println("nightshift: the title must be one line of text, e.g. \"Stripe billing\"");
            return BatchResult.BAD_CONFIGURATION;
        }
        String name = "%04d-%s".formatted(nextNumber(dir), slug(clean));
        Path file = dir.resolve(SpecFolder.NEXT.folderName()).resolve(name + ".md");
        AtomicFiles.write(file, render(clean));
        System.out.println("wrote " + home.root().relativize(file));
        System.out.println("edit it: until its text and task replace the template's, batches skip it as a problem");
        return BatchResult.OK;
    }

    /** One more than the highest number of any spec of the project, in any folder. */
    static int nextNumber(Path projectDir) throws IOException {
        int highest = 0;
        for (SpecFolder folder : SpecFolder.values()) {
            Path dir = projectDir.resolve(folder.folderName());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Matcher m = NUMBERED.matcher(f.getFileName().toString());
                    if (m.matches() && m.group(1).length() < 9) {
                        highest = Math.max(highest, Integer.parseInt(m.group(1)));
                    }
                }
            }
        }
        return highest + 1;
    }

    /** Lower case ASCII letters and digits joined by '-': a name nightshift accepts for a file and a branch. */
    static String slug(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_SLUG) {
            slug = slug.substring(0, MAX_SLUG);
            int cut = slug.lastIndexOf('-');
            slug = cut > MAX_SLUG / 2 ? slug.substring(0, cut) : slug.replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "spec" : slug;
    }

    private static String render(String title) {
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.TEXT);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        Context context = new Context();
        context.setVariable("title", title);
        try (InputStream in = SpecNewCommand.class.getResourceAsStream("/templates/spec.md")) {
            return engine.process(new String(in.readAllBytes(), StandardCharsets.UTF_8), context);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spec template", e);
        }
    }

    /** "Calc App" → "calc-app": the name the owner most likely meant. */
    static String suggestedName(String project) {
        String name = project.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
                .replaceAll("^[^a-z0-9]+", "").replaceAll("-+$", "");
        return name.isEmpty() ? "my-project" : name;
    }
}
