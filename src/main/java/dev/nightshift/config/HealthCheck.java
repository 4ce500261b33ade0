package dev.nightshift.config;

import java.time.Duration;

/** One production health check of phase 3: a URL, the status it must answer and optional body text. */
public record HealthCheck(String url, Integer expect, String body, Duration timeout) {

    public HealthCheck {
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new InvalidSettingException("url", "\"" + url + "\" is not an http:// or https:// URL");
        }
        expect = expect != null ? expect : 200;
        if (expect < 100 || expect > 599) {
            throw new InvalidSettingException("expect", expect + " is not an HTTP status (100 to 599)");
        }
        timeout = timeout != null ? timeout : Duration.ofSeconds(10);
    }
}
