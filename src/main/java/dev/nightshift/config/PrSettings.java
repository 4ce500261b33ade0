package dev.nightshift.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where pull requests live: nightshift's own database ({@code local}) or GitHub. */
public record PrSettings(Host host, String repository, String api) {

    public PrSettings {
        host = host != null ? host : Host.LOCAL;
        api = api != null && !api.isBlank() ? api.replaceAll("/+$", "") : "https://api.github.com";
        if (!api.startsWith("https://") && !api.startsWith("http://")) {
            throw new InvalidSettingException("api", "\"" + api + "\" is not an http:// or https:// URL");
        }
        if (host == Host.GITHUB && (repository == null || repository.isBlank())) {
            throw new InvalidSettingException("repository", "is missing; host github needs owner/name, e.g. me/platform");
        }
        if (host == Host.GITHUB && !repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            throw new InvalidSettingException("repository", "\"" + repository + "\" must be owner/name when host is github");
        }
    }

    public static PrSettings local() {
        return new PrSettings(Host.LOCAL, null, null);
    }

    public enum Host {
        @JsonProperty("local") LOCAL,
        @JsonProperty("github") GITHUB
    }
}
