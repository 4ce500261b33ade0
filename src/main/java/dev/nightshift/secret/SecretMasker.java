package dev.nightshift.secret;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets in text before it is written anywhere: the values of the configured secret
 * variables, and anything shaped like a well-known token or a private key.
 */
public final class SecretMasker {

    /** Token shapes of the common providers; each is masked wherever it appears. */
    static final List<Pattern> TOKEN_SHAPES = List.of(
            Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
            Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{30,}\\b"),
            Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{22,}\\b"),
            Pattern.compile("\\bsk-ant-[A-Za-z0-9_-]{20,}"),
            Pattern.compile("\\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}"),
            Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}"),
            Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b"),
            Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}\\b"),
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
            // the password of a URL such as https://user:password@host/repo.git; the user stays readable
            Pattern.compile("(?<=://[^/\\s:@]{1,100}:)[^@\\s/]+(?=@)"));

    /**
     * For each shape, in order, the text every match holds: a text that holds none of a shape's
     * words (or, for the URL, not both) cannot match it, and is not searched. Searching costs: every
     * log line, spec, plan and report goes through here, and the URL's look-behind tries a hundred
     * starts at each place of a text (a third of a large dry run's time went into these searches).
     */
    private static final List<List<String>> NEEDED = List.of(
            // "gh" alone is in every text that names github.com: the token's own prefixes are needed.
            List.of("AKIA", "ASIA"), List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_"), List.of("github_pat_"),
            List.of("sk-ant-"), List.of("sk-"), List.of("xox"), List.of("AIza"), List.of("glpat-"), List.of("-----BEGIN "), List.of("://"));

    /** Values shorter than this are not treated as secrets: masking "1" would mangle every log. */
    private static final int MIN_SECRET_LENGTH = 6;

    private final Map<String, String> valuesByName;
    private final List<String> valuesLongestFirst;

    private SecretMasker(Map<String, String> valuesByName) {
        this.valuesByName = Map.copyOf(valuesByName);
        List<String> values = new ArrayList<>(valuesByName.values());
        values.sort(Comparator.comparingInt(String::length).reversed());
        this.valuesLongestFirst = List.copyOf(values);
    }

    public static SecretMasker none() {
        return new SecretMasker(Map.of());
    }

    /** A masker for the values the named environment variables hold now. */
    public static SecretMasker forVariables(Iterable<String> names, Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && value.strip().length() >= MIN_SECRET_LENGTH) {
                values.put(name, value.strip());
            }
        }
        return new SecretMasker(values);
    }

    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String value : valuesLongestFirst) {
            if (masked.contains(value)) {
                masked = masked.replace(value, "[secret]");
            }
        }
        for (int i = 0; i < TOKEN_SHAPES.size(); i++) {
            if (!mayHold(masked, i)) {
                continue;
            }
            Matcher m = TOKEN_SHAPES.get(i).matcher(masked);
            if (m.find()) {
                masked = m.replaceAll("[secret]");
            }
        }
        return masked;
    }

    /** The names of the configured secrets whose values appear in {@code text}, and the token shapes found. */
    public List<String> findIn(String text) {
        List<String> found = new ArrayList<>();
        if (text == null) {
            return found;
        }
        valuesByName.forEach((name, value) -> {
            if (text.contains(value)) {
                found.add("the value of " + name);
            }
        });
        for (int i = 0; i < TOKEN_SHAPES.size(); i++) {
            Pattern shape = TOKEN_SHAPES.get(i);
            if (mayHold(text, i) && shape.matcher(text).find()) {
                String what = describe(shape);
                found.add(shape.pattern().startsWith("-----") ? "a private key"
                        : what.startsWith("a password") ? what : "a token shaped like " + what);
            }
        }
        return found;
    }

    /** Whether {@code text} holds what every match of shape {@code i} holds. */
    private static boolean mayHold(String text, int i) {
        if (i == TOKEN_SHAPES.size() - 1) {
            // user:password@host: the scheme's "://" and the "@" after the password.
            return text.contains("://") && text.indexOf('@') >= 0;
        }
        for (String word : NEEDED.get(i)) {
            if (text.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Pattern shape) {
        String p = shape.pattern();
        if (p.contains("AKIA")) return "an AWS access key";
        if (p.contains("gh[pousr]") || p.contains("github_pat")) return "a GitHub token";
        if (p.contains("sk-ant")) return "an Anthropic key";
        if (p.contains("sk-")) return "an OpenAI key";
        if (p.contains("xox")) return "a Slack token";
        if (p.contains("AIza")) return "a Google API key";
        if (p.contains("glpat")) return "a GitLab token";
        if (p.contains("://")) return "a password in a URL";
        return "a secret";
    }
}
