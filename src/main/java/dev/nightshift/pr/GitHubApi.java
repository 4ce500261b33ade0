package dev.nightshift.pr;

import dev.nightshift.exec.ProcessDeadline;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * GitHub's REST API over the JDK HTTP client: one request at a time, with the headers GitHub
 * documents, and retries with backoff (Spring's {@link RetryTemplate}) for what GitHub says may
 * pass: 5xx, timeouts, and rate limits (403/429 with {@code retry-after} or an exhausted
 * {@code x-ratelimit-remaining} until {@code x-ratelimit-reset}). Any other 4xx fails at once.
 */
@Component
public class GitHubApi {

    private static final Logger log = LoggerFactory.getLogger(GitHubApi.class);
    static final ObjectMapper JSON = JsonMapper.builder().build();
    /** At 100 items a page, more than a pull request's review could hold: a bound on a server that pages forever. */
    private static final int MAX_PAGES = 50;

    /**
     * One answer: status, parsed body, and the address of the next page when GitHub's {@code Link}
     * header names one ({@code null} otherwise).
     */
    public record Response(int status, JsonNode body, String nextPage) {

        public Response(int status, JsonNode body) {
            this(status, body, null);
        }

        public String message() {
            return body != null && body.hasNonNull("message") ? body.get("message").asString() : "";
        }
    }

    /** An answer or failure that may pass when asked again, and how long GitHub asked to wait. */
    static final class Transient extends RuntimeException {
        private final transient Duration wait;

        Transient(String message, Duration wait) {
            super(message);
            this.wait = wait;
        }

        Duration waitHint() {
            return wait;
        }
    }

    /** One attempt of a call; {@code attempt} counts from 1. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(int attempt);
    }

    private final GitHubToken token;
    private final ProcessDeadline deadline;
    private final Clock clock;
    /**
     * Made at the first call: a client sets up TLS (the JDK's trusted certificates) on creation,
     * which every start of a batch or the daemon paid, whether GitHub was called or not.
     */
    private final SingletonSupplier<HttpClient> http;
    private final GitHubRetryPolicy.Limits limits;

    @Autowired
    public GitHubApi(GitHubToken token, ProcessDeadline deadline, Clock clock) {
        this(token, deadline, clock, GitHubRetryPolicy.Limits.DEFAULT);
    }

    GitHubApi(GitHubToken token, ProcessDeadline deadline, Clock clock, GitHubRetryPolicy.Limits limits) {
        this.token = token;
        this.deadline = deadline;
        this.clock = clock;
        this.limits = limits;
        this.http = SingletonSupplier.of(() -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    /** A call repeated under the retry policy; each attempt is told its number. */
    public <T> T retrying(String what, Attempt<T> call) {
        AtomicInteger attempt = new AtomicInteger();
        RetryTemplate template = new RetryTemplate(new GitHubRetryPolicy(limits, deadline));
        try {
            return template.execute(() -> {
                int n = attempt.incrementAndGet();
                if (n > 1) {
                    log.info("GitHub: {} again (attempt {})", what, n);
                }
                return call.run(n);
            });
        } catch (RetryException e) {
            Throwable last = e.getLastException() != null ? e.getLastException() : e.getCause();
            if (last instanceof GitHubException gitHub) {
                throw gitHub;
            }
            throw new GitHubException("GitHub: " + what + " failed after " + attempt.get() + " attempt(s): "
                    + (last != null ? last.getMessage() : e.getMessage()));
        }
    }

    /** GET with retries; {@code null} body for a 404 is returned as a 404 response. */
    public Response get(String api, String path) {
        return retrying("GET " + path, n -> once(api, "GET", path, null));
    }

    /** PATCH or POST with retries, for requests that can be repeated without harm. */
    public Response send(String api, String method, String path, Object body) {
        return retrying(method + " " + path, n -> once(api, method, path, body));
    }

    /**
     * One request. A 2xx or 404 comes back; 5xx, a rate limit or no answer throws
     * {@link Transient}; another 4xx throws {@link GitHubException}.
     */
    public Response once(String api, String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "nightshift")
                .header("Authorization", "Bearer " + token.get());
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response;
        try {
            response = http.obtain().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Transient(method + " " + path + ": no answer (" + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? ": " + e.getMessage() : "") + ")", Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHubException(method + " " + path + ": interrupted");
        }
        int status = response.statusCode();
        Response answer = new Response(status, parse(response.body()),
                response.headers().firstValue("link").flatMap(GitHubApi::nextLink).orElse(null));
        if (status / 100 == 2 || status == 404) {
            return answer;
        }
        Optional<Duration> limited = rateLimitWait(status, response, answer.message());
        if (limited.isPresent()) {
            throw new Transient(method + " " + path + ": rate limited (" + status + ")", limited.get());
        }
        if (status >= 500) {
            throw new Transient(method + " " + path + ": " + status + " " + answer.message(), Duration.ZERO);
        }
        throw new GitHubException(method + " " + path + " was refused: " + status
                + (answer.message().isEmpty() ? "" : " " + answer.message()), status);
    }

    /** GitHub's documented signs of a primary or secondary rate limit, and how long to wait. */
    private Optional<Duration> rateLimitWait(int status, HttpResponse<String> response, String message) {
        if (status != 403 && status != 429) {
            return Optional.empty();
        }
        Optional<String> retryAfter = response.headers().firstValue("retry-after");
        if (retryAfter.isPresent()) {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.get().strip()))));
            } catch (NumberFormatException notSeconds) {
                return Optional.of(Duration.ofMinutes(1));
            }
        }
        boolean exhausted = response.headers().firstValue("x-ratelimit-remaining").map(String::strip)
                .filter("0"::equals).isPresent();
        Optional<String> reset = response.headers().firstValue("x-ratelimit-reset");
        if (exhausted && reset.isPresent()) {
            try {
                Instant at = Instant.ofEpochSecond(Long.parseLong(reset.get().strip()));
                Duration wait = Duration.between(clock.instant(), at).plusSeconds(1);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (NumberFormatException | java.time.DateTimeException bad) {
                return Optional.of(Duration.ofMinutes(1));
            }
        }
        if (status == 429 || message.toLowerCase(Locale.ROOT).contains("rate limit")) {
            // GitHub: "otherwise, wait for at least one minute before retrying".
            return Optional.of(Duration.ofMinutes(1));
        }
        return Optional.empty();
    }

    /**
     * Every page of a list, following GitHub's {@code Link: <...>; rel="next"} from page to page.
     * A next page on another server than {@code api} is not followed: the token goes only to the
     * API it was configured for.
     */
    public List<JsonNode> getAll(String api, String firstPath) {
        List<JsonNode> items = new ArrayList<>();
        String path = firstPath;
        for (int page = 1; path != null; page++) {
            Response response = get(api, path);
            if (response.status() == 404) {
                throw new GitHubException("GitHub could not list " + firstPath + ": 404 " + response.message(), 404);
            }
            if (response.body() != null && response.body().isArray()) {
                response.body().forEach(items::add);
            }
            String next = response.nextPage();
            if (next != null && !next.startsWith(api + "/")) {
                log.warn("GitHub: the next page of {} is on another server; not followed", firstPath);
                next = null;
            }
            path = next == null || page >= MAX_PAGES ? null : next.substring(api.length());
        }
        return items;
    }

    /** The {@code rel="next"} address of a {@code Link} header, as GitHub documents it for paging. */
    static Optional<String> nextLink(String header) {
        for (String part : header.split(",")) {
            String[] pieces = part.split(";");
            String target = pieces[0].strip();
            boolean next = false;
            for (int i = 1; i < pieces.length; i++) {
                next |= pieces[i].strip().replace(" ", "").equals("rel=\"next\"");
            }
            if (next && target.startsWith("<") && target.endsWith(">")) {
                return Optional.of(target.substring(1, target.length() - 1));
            }
        }
        return Optional.empty();
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
