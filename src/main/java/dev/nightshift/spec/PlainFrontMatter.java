package dev.nightshift.spec;

import dev.nightshift.config.InvalidSettingException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Is this front matter made only of plain {@code key: value} lines, each read the same by any YAML
 * reader? Then it is read here, without the YAML parser: a queue of thousands of specs spent most
 * of its parse there, in every command that reads it. Anything else (a comment, a quote, a nested
 * list, an unknown or repeated key, a value a check refuses) is left to the YAML parser, which
 * reads it or names its problem with file, line and key.
 */
final class PlainFrontMatter {

    private static final Pattern LINE = Pattern.compile("([a-z][a-z-]*): (.*)");
    /** A whole number as YAML writes one, small enough for an int. */
    private static final Pattern NUMBER = Pattern.compile("0|-?[1-9][0-9]{0,8}");
    /** Words of file names, globs and commands that YAML reads as text whatever their place. */
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9._/*=+-]+");
    /** A plain text value: starts with a letter, a dot or a slash; no quote, comment, colon or flow character. */
    private static final Pattern TEXT = Pattern.compile("[A-Za-z./_][A-Za-z0-9 ./_=+-]*");
    /** Anything that could be read as a number, in any YAML schema. */
    private static final Pattern NUMERIC = Pattern.compile("[-+.0-9][-+.0-9e_xo]*");
    /** Plain words YAML reads as something other than text. */
    private static final Set<String> NOT_TEXT = Set.of("null", "true", "false", "yes", "no", "on", "off", "y", "n");

    private PlainFrontMatter() {
    }

    /** The front matter, or empty when the YAML parser must read it. */
    static Optional<SpecFrontMatter> read(String yaml) {
        Integer priority = null;
        List<String> dependsOn = null;
        String verify = null;
        List<String> paths = null;
        String origin = null;
        Boolean reopen = null;
        Set<String> seen = new HashSet<>();
        for (String line : yaml.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches() || !seen.add(m.group(1))) {
                return Optional.empty();
            }
            String value = m.group(2);
            switch (m.group(1)) {
                case "priority" -> priority = NUMBER.matcher(value).matches() ? Integer.valueOf(value) : null;
                case "reopen" -> reopen = value.equals("true") || value.equals("false") ? Boolean.valueOf(value) : null;
                case "depends-on" -> dependsOn = list(value);
                case "paths" -> paths = list(value);
                case "verify" -> verify = text(value);
                case "origin" -> origin = text(value);
                default -> {
                    return Optional.empty();
                }
            }
            boolean read = switch (m.group(1)) {
                case "priority" -> priority != null;
                case "reopen" -> reopen != null;
                case "depends-on" -> dependsOn != null;
                case "paths" -> paths != null;
                case "verify" -> verify != null;
                default -> origin != null;
            };
            if (!read) {
                return Optional.empty();
            }
        }
        if (seen.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SpecFrontMatter(priority, dependsOn, verify, paths, origin, reopen));
        } catch (InvalidSettingException refused) {
            // The YAML parser's reading names the key and its line.
            return Optional.empty();
        }
    }

    /** {@code [a, b]}: a flow list of plain words; {@code null} for any other shape. */
    private static List<String> list(String value) {
        if (!value.startsWith("[") || !value.endsWith("]")) {
            return null;
        }
        String inside = value.substring(1, value.length() - 1).strip();
        List<String> items = new ArrayList<>();
        if (inside.isEmpty()) {
            return items;
        }
        for (String item : inside.split(",", -1)) {
            String word = item.strip();
            if (!WORD.matcher(word).matches() || word.startsWith("-") || word.startsWith("*") || !plainText(word)) {
                return null;
            }
            items.add(word);
        }
        return items;
    }

    /** A plain text value; {@code null} when YAML might read it otherwise. */
    private static String text(String value) {
        if (!TEXT.matcher(value).matches() || value.endsWith(" ") || !plainText(value)) {
            return null;
        }
        return value;
    }

    /** Not a word YAML reads as a null, a truth value or a number. */
    private static boolean plainText(String word) {
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        return !NOT_TEXT.contains(lower) && !NUMERIC.matcher(lower).matches() && !lower.startsWith(".inf")
                && !lower.startsWith(".nan");
    }
}
