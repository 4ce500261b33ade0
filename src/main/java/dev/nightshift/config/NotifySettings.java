package dev.nightshift.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A second channel besides mail: one short message per batch POSTed to a webhook. Without
 * {@code webhook} nothing is posted. The token is never written in the file: {@code tokenEnv}
 * names the environment variable that holds it, sent as {@code Authorization: Bearer}.
 *
 * @param webhook  the http(s) URL to POST to; {@code null} for none
 * @param tokenEnv the variable holding the bearer token; {@code null} for no Authorization header
 * @param format   the body's shape, for the service at the other end
 */
public record NotifySettings(String webhook, @JsonProperty("token-env") String tokenEnv, Format format) {

    public NotifySettings {
        webhook = webhook == null || webhook.isBlank() ? null : webhook.strip();
        if (webhook != null) {
            checkUrl(webhook);
        }
        tokenEnv = tokenEnv == null || tokenEnv.isBlank() ? null : tokenEnv;
        if (tokenEnv != null && !EnvironmentNames.isName(tokenEnv)) {
            // The value is not repeated: it may be the token itself, written in the wrong place.
            throw new InvalidSettingException("token-env", "is not an environment variable name; name the variable"
                    + " that holds the token, not the token");
        }
        format = format != null ? format : Format.SLACK;
    }

    public static NotifySettings defaults() {
        return new NotifySettings(null, null, null);
    }

    public boolean enabled() {
        return webhook != null;
    }

    /**
     * Scheme and host of the webhook, for messages and logs: the rest of a webhook URL is often
     * its secret (Slack's and Discord's carry their key in the path).
     */
    public String where() {
        URI uri = URI.create(webhook);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    private static void checkUrl(String url) {
        // The URL is not repeated either: a webhook's path is often its key.
        String problem = "is not an http or https URL with a host (such as https://hooks.example.com/T000/B000)";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidSettingException("webhook", problem);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidSettingException("webhook", problem);
        }
    }

    /** The body's shape. */
    public enum Format {
        /** JSON {@code {"text": ...}}: Slack, Mattermost and Google Chat incoming webhooks. */
        @JsonProperty("slack") SLACK,
        /** JSON {@code {"content": ...}}: Discord webhooks. */
        @JsonProperty("discord") DISCORD,
        /** Plain text, the subject as the {@code Title} header: ntfy topics. */
        @JsonProperty("ntfy") NTFY
    }
}
