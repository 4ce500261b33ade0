package dev.nightshift.report;

import dev.nightshift.config.NotifySettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The short message a webhook gets for a batch, and its shape for each {@link NotifySettings.Format}:
 * the subject line, what needs the owner, and where the full report is.
 *
 * @param batchId the batch it tells of; also its name in the outbox
 * @param title   the report's subject line
 * @param text    the needs-you items and the report's path, one per line
 */
record WebhookMessage(String batchId, String title, String text) {

    /** Needs-you items named in the message; more are counted (the full list is in the report). */
    static final int ITEMS = 10;
    /** Discord refuses content over 2,000 characters; the others take more, none needs more. */
    static final int LONGEST = 1_900;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern MENTION = Pattern.compile("@(everyone|here|channel|all)\\b", Pattern.CASE_INSENSITIVE);

    /** What goes over the wire: the body, its content type, and further headers. */
    record Shape(String contentType, byte[] body, Map<String, String> headers) {
    }

    static WebhookMessage of(String batchId, String subject, List<String> needsYou, String reportPath) {
        List<String> lines = new ArrayList<>();
        if (!needsYou.isEmpty()) {
            lines.add("Needs you:");
            needsYou.stream().limit(ITEMS).forEach(item -> lines.add("- " + item));
            if (needsYou.size() > ITEMS) {
                lines.add("- … and " + (needsYou.size() - ITEMS) + " more in the report");
            }
        }
        lines.add("Report: " + reportPath);
        return new WebhookMessage(batchId, subject, String.join("\n", lines));
    }

    /**
     * The body for {@code format}. Needs-you items can quote an agent's or a test's output, so
     * nothing in them may ping a channel: Slack's control characters are escaped (its
     * {@code <!channel>}), Discord is told to parse no mention, and {@code @everyone}-style words
     * are broken with a zero-width space for the services that read them from plain text.
     */
    Shape shape(NotifySettings.Format format) {
        String quiet = unmention(clip(title + "\n" + text));
        return switch (format) {
            case SLACK -> new Shape("application/json", JSON.writeValueAsBytes(Map.of("text", slackEscaped(quiet))), Map.of());
            case DISCORD -> new Shape("application/json", JSON.writeValueAsBytes(Map.of("content", quiet,
                    "allowed_mentions", Map.of("parse", List.of()))), Map.of());
            case NTFY -> new Shape("text/plain; charset=utf-8", unmention(clip(text)).getBytes(StandardCharsets.UTF_8),
                    Map.of("Title", header(title)));
        };
    }

    static String unmention(String s) {
        return MENTION.matcher(s).replaceAll("@\u200B$1");
    }

    private static String slackEscaped(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String clip(String s) {
        return s.length() <= LONGEST ? s : s.substring(0, LONGEST - 1) + "…";
    }

    /** A header value as HTTP carries it: ASCII as is, anything else as an RFC 2047 word (ntfy reads both). */
    static String header(String value) {
        if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return value;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
