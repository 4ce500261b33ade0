package dev.nightshift.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where pull requests live: nightshift's own database ({@code local}) or GitHub, and on GitHub how
 * a pull request is opened and whose review counts.
 *
 * @param draft      open as a draft; marked ready for review once every task is ticked and the gate passed
 * @param labels     labels added when the pull request opens
 * @param reviewers  GitHub users asked to review when the pull request opens
 * @param reviewFrom the {@code author_association} values whose review text reaches the agent
 */
public record PrSettings(Host host, String repository, String api, Boolean draft, List<String> labels,
                         List<String> reviewers, List<String> reviewFrom) {

    /** Those who may write to the repository: anyone else's text is an instruction from a stranger. */
    public static final List<String> DEFAULT_REVIEW_FROM = List.of("OWNER", "MEMBER", "COLLABORATOR");
    /** GitHub's documented values of {@code author_association}. */
    static final Set<String> ASSOCIATIONS = Set.of("OWNER", "MEMBER", "COLLABORATOR", "CONTRIBUTOR",
            "FIRST_TIME_CONTRIBUTOR", "FIRST_TIMER", "MANNEQUIN", "NONE");
    private static final String LOGIN = "[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}";

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
        draft = draft != null && draft;
        labels = labels != null ? List.copyOf(labels) : List.of();
        reviewers = reviewers != null ? List.copyOf(reviewers) : List.of();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            if (label == null || label.isBlank() || label.chars().anyMatch(Character::isISOControl) || label.length() > 50) {
                throw new InvalidSettingException("labels[" + i + "]", "must be a label name of 1 to 50 characters on one line");
            }
        }
        for (int i = 0; i < reviewers.size(); i++) {
            String login = reviewers.get(i);
            if (login == null || !login.matches(LOGIN)) {
                throw new InvalidSettingException("reviewers[" + i + "]", "\"" + login + "\" is not a GitHub user name"
                        + " (letters, digits and single hyphens, at most 39 characters)");
            }
        }
        if (host != Host.GITHUB) {
            if (draft) {
                throw new InvalidSettingException("draft", "applies to host github only; a local pull request has no draft state");
            }
            if (!labels.isEmpty() || !reviewers.isEmpty()) {
                throw new InvalidSettingException(labels.isEmpty() ? "reviewers" : "labels", "applies to host github only");
            }
        }
        reviewFrom = reviewFrom(reviewFrom);
    }

    public PrSettings(Host host, String repository, String api) {
        this(host, repository, api, null, null, null, null);
    }

    private static List<String> reviewFrom(List<String> given) {
        if (given == null) {
            return DEFAULT_REVIEW_FROM;
        }
        for (int i = 0; i < given.size(); i++) {
            String value = given.get(i) == null ? "" : given.get(i).strip().toUpperCase(Locale.ROOT);
            if (!ASSOCIATIONS.contains(value)) {
                throw new InvalidSettingException("review-from[" + i + "]", "\"" + given.get(i) + "\" is not one of GitHub's"
                        + " author associations: " + String.join(", ", ASSOCIATIONS.stream().sorted().toList()));
            }
        }
        if (given.isEmpty()) {
            throw new InvalidSettingException("review-from", "is empty; name whose review counts, e.g. [OWNER]");
        }
        return given.stream().map(v -> v.strip().toUpperCase(Locale.ROOT)).distinct().toList();
    }

    public static PrSettings local() {
        return new PrSettings(Host.LOCAL, null, null);
    }

    /** Does text by an author of this association reach the agent? */
    public boolean counts(String authorAssociation) {
        return authorAssociation != null && reviewFrom.contains(authorAssociation.toUpperCase(Locale.ROOT));
    }

    public enum Host {
        @JsonProperty("local") LOCAL,
        @JsonProperty("github") GITHUB
    }
}
