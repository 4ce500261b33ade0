package dev.nightshift.config;

import java.time.Duration;

/**
 * One production health check of phase 3 (a {@code health} entry of project.yml): the URL, the
 * HTTP status it must answer (default 200), optional text its body must contain, and how long it
 * may take to answer in full (default 10s).
 */
public record HealthCheck(String url, Integer expect, String body, Duration timeout) {

    public HealthCheck {
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new InvalidSettingException("url", "\"" + url + "\" is not an http:// or https:// URL");
        }
        try {
            java.net.URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("url", "\"" + url + "\" is not a valid URL: " + e.getMessage());
        }
        expect = expect != null ? expect : 200;
        if (expect < 100 || expect > 599) {
            throw new InvalidSettingException("expect", expect + " is not an HTTP status (100 to 599)");
        }
        body = body == null || body.isEmpty() ? null : body;
        timeout = timeout != null ? timeout : Duration.ofSeconds(10);
    }
}
