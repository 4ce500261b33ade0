package dev.nightshift.spec;

import dev.nightshift.io.AtomicFiles;
import dev.nightshift.secret.SecretMasker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Files the discovered work an agent left in {@code .nightshift/followups/*.md} into the project's
 * {@code next/}: at most {@link #LIMIT} a run, each with {@code origin: agent} in its front matter
 * (so its own verify, paths and priority are ignored), under a safe name no spec of the project
 * has, never overwriting a file, and never one the project already has (the same title, or the
 * same text, in any folder): an agent that finds the same work every run files it once. Only a
 * run whose gate passed files. The drafts are read by the build from the working copy, without
 * following links; nothing here reads or deletes a file of the agent's.
 */
@Component
public class FollowUps {

    private static final Logger log = LoggerFactory.getLogger(FollowUps.class);
    public static final int LIMIT = 3;
    /** The largest follow-up file read; a longer one is left out. */
    public static final long MAX_BYTES = 200 * 1024;

    /** What became of the agent's follow-ups: the spec names filed, and the files left out. */
    public record Filed(List<String> names, List<String> dropped) {
        public static Filed none() {
            return new Filed(List.of(), List.of());
        }
    }

    private final SecretMasker masker;

    public FollowUps(SecretMasker masker) {
        this.masker = masker;
    }

    /** One file the agent left in its follow-up folder: its name there and its text (null when unreadable). */
    public record Draft(String fileName, String text) {
    }

    /** A follow-up to file: its spec name in next/ and its text (masked, with {@code origin: agent}). */
    public record Filing(String name, String text) {
    }

    /** What to file of the drafts, and the files left out. */
    public record Chosen(List<Filing> filings, List<String> dropped) {
        public List<String> names() {
            return filings.stream().map(Filing::name).toList();
        }
    }

    /** The spec files a project has: their names, and the titles and hashes of those that could be read. */
    public record Known(Set<String> names, Set<String> titles, Set<String> hashes) {

        public static Known of(ProjectQueue project) {
            Set<String> names = new HashSet<>();
            Set<String> titles = new HashSet<>();
            Set<String> hashes = new HashSet<>();
            for (Spec spec : project.all()) {
                names.add(spec.name());
                titles.add(spec.title());
                hashes.add(spec.hash());
            }
            return new Known(names, titles, hashes);
        }
    }

    /**
     * Which of the drafts of a run whose gate passed are filed, and under which names: names,
     * titles and texts the project has are never filed again. Reads and writes no file.
     */
    public Chosen choose(List<Draft> drafts, String project, Known known) {
        if (drafts.isEmpty()) {
            return new Chosen(List.of(), List.of());
        }
        Set<String> taken = new HashSet<>(known.names());
        Set<String> titles = new HashSet<>();
        known.titles().stream().filter(java.util.Objects::nonNull).forEach(t -> titles.add(titleKey(t)));
        Set<String> hashes = new HashSet<>(known.hashes());
        List<Filing> filed = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (Draft draft : drafts) {
            String fileName = draft.fileName();
            String text = draft.text();
            if (!fileName.endsWith(".md") || text == null || text.isBlank() || filed.size() >= LIMIT) {
                dropped.add(fileName);
                continue;
            }
            String name = unique(safeName(fileName.substring(0, fileName.length() - 3)), taken::contains);
            String spec = withAgentOrigin(masker.mask(text));
            String hash = SpecParser.sha256(spec);
            String title = title(project, name, spec);
            if (hashes.contains(hash) || hashes.contains(SpecParser.sha256(text.replace("\r\n", "\n")))
                    || title != null && titles.contains(titleKey(title))) {
                log.info("the agent's follow-up {} is not filed: {} already has a spec {}", fileName, project,
                        hashes.contains(hash) ? "with the same text" : "titled \"" + title + "\"");
                dropped.add(fileName);
                continue;
            }
            taken.add(name);
            hashes.add(hash);
            if (title != null) {
                titles.add(titleKey(title));
            }
            filed.add(new Filing(name, spec));
        }
        if (!dropped.isEmpty()) {
            log.warn("left out {} follow-up file(s) of the agent (at most {} a run, *.md, not empty): {}",
                    dropped.size(), LIMIT, dropped);
        }
        return new Chosen(List.copyOf(filed), List.copyOf(dropped));
    }

    /**
     * Writes a chosen follow-up into the project's next/, never over a file and never outside
     * next/: a name taken since it was chosen gets a number.
     *
     * @return the name it was filed under
     */
    public String write(ProjectQueue project, Filing filing) {
        // Made safe again here: a filing may come from another machine, and its name becomes a path.
        String name = unique(safeName(filing.name()), n -> existsAnywhere(project, n));
        Path target = project.folder(SpecFolder.NEXT).resolve(name + ".md");
        try {
            // Whole or not at all: a half-written spec in next/ would be read as the owner's input.
            AtomicFiles.write(target, filing.text());
        } catch (IOException e) {
            throw new UncheckedIOException("could not file the follow-up " + target, e);
        }
        log.info("filed the agent's follow-up as {}/next/{}.md", project.name(), name);
        return name;
    }

    /** Files the drafts read from a run whose gate passed: {@link #choose}, then {@link #write} each. */
    public Filed file(List<Draft> drafts, ProjectQueue project) {
        Chosen chosen = choose(drafts, project.name(), Known.of(project));
        List<String> names = new ArrayList<>();
        chosen.filings().forEach(f -> names.add(write(project, f)));
        return new Filed(List.copyOf(names), chosen.dropped());
    }

    /** The title the follow-up would have as a spec of the project, or {@code null} when it does not parse. */
    private static String title(String project, String name, String spec) {
        try {
            return SpecParser.parse(project, SpecFolder.NEXT, Path.of(name + ".md"), spec, java.time.Instant.EPOCH).title();
        } catch (SpecException e) {
            return null;
        }
    }

    private static String titleKey(String title) {
        return title.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** A spec name nightshift accepts ({@code [a-z0-9][a-z0-9._-]*}), made from whatever the agent chose. */
    static String safeName(String raw) {
        String name = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^[^a-z0-9]+", "").replaceAll("[.-]+$", "");
        // A name that would read as the file beside a spec (its reason, its review) is not a spec's name.
        for (String suffix : List.of(".review.done", ".review", ".why")) {
            if (name.endsWith(suffix)) {
                name = name.substring(0, name.length() - suffix.length()).replaceAll("[.-]+$", "");
            }
        }
        if (name.length() > 80) {
            name = name.substring(0, 80).replaceAll("[.-]+$", "");
        }
        return name.isEmpty() ? "followup" : name;
    }

    private static String unique(String name, java.util.function.Predicate<String> taken) {
        String candidate = name;
        for (int n = 2; taken.test(candidate); n++) {
            candidate = name + "-" + n;
        }
        return candidate;
    }

    private static boolean existsAnywhere(ProjectQueue project, String name) {
        for (SpecFolder folder : SpecFolder.values()) {
            if (Files.exists(project.folder(folder).resolve(name + ".md"))) {
                return true;
            }
        }
        return false;
    }

    /** Puts {@code origin: agent} in the front matter, replacing any origin the agent wrote. */
    static String withAgentOrigin(String text) {
        String normalized = text.replace("\r\n", "\n");
        if (normalized.startsWith("---\n")) {
            int end = normalized.indexOf("\n---", 3);
            if (end > 0) {
                String yaml = normalized.substring(4, end + 1);
                StringBuilder kept = new StringBuilder();
                for (String line : yaml.split("\n", -1)) {
                    if (!line.isEmpty() && !line.strip().startsWith("origin:")) {
                        kept.append(line).append('\n');
                    }
                }
                return "---\norigin: agent\n" + kept + normalized.substring(end + 1);
            }
        }
        return "---\norigin: agent\n---\n" + normalized;
    }
}
