package dev.nightshift.report;

import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.NotifySettings;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts each batch's short message to {@code notify.webhook} through the same outbox as mail:
 * the message is first written to {@code reports/outbox/<batch>.webhook.json}, then posted, oldest
 * first, and moved beside its report once the server took it (any 2xx). A message that cannot go
 * out waits there for the next batch; none goes out twice. The outbox file holds the message
 * only: the token is read from its variable at the moment of sending and never written, logged or
 * stored, and the URL is named by its host alone.
 */
@Component
public class Webhook {

    private static final Logger log = LoggerFactory.getLogger(Webhook.class);
    static final String SUFFIX = ".webhook.json";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Home home;
    private final NotifySettings settings;
    private final ProcessEnvironment environment;

    public Webhook(Home home, NightshiftSettings settings, ProcessEnvironment environment) {
        this.home = home;
        this.settings = settings.notifications();
        this.environment = environment;
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** Writes the batch's message into the outbox. */
    public Path queue(String batchId, String subject, List<String> needsYou) {
        String report = home.batchReports(batchId).resolve("report.html").toAbsolutePath().toString();
        WebhookMessage message = WebhookMessage.of(batchId, subject, needsYou, report);
        Path file = home.outbox().resolve(batchId + SUFFIX);
        for (int copy = 2; Files.exists(file); copy++) {
            file = home.outbox().resolve(batchId + "-" + copy + SUFFIX);
        }
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(Map.of("batch", message.batchId(), "title", message.title(),
                    "text", message.text())));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the webhook message to the outbox", e);
        }
        return file;
    }

    /** Posts every waiting message, oldest first; stops at the first failure (the server is likely down). */
    public Mailer.Delivery flush() {
        List<Path> waiting = waiting();
        if (waiting.isEmpty()) {
            return new Mailer.Delivery(0, 0, null);
        }
        if (!settings.enabled()) {
            return new Mailer.Delivery(0, waiting.size(), "no notify.webhook in nightshift.yml");
        }
        String token = null;
        if (settings.tokenEnv() != null) {
            token = environment.get(settings.tokenEnv());
            if (token == null || token.isBlank()) {
                return new Mailer.Delivery(0, waiting.size(), "notify.token-env names " + settings.tokenEnv()
                        + ", which is not set in nightshift's environment");
            }
        }
        // Java 17's HttpClient has no close(): its threads are ours, and end when the executor is shut down.
        ExecutorService threads = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "nightshift-webhook");
            t.setDaemon(true);
            return t;
        });
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).executor(threads)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            int sent = 0;
            for (Path file : waiting) {
                String problem = post(client, file, token);
                if (problem != null) {
                    log.warn("the webhook message {} could not be posted; it waits in the outbox: {}", file.getFileName(), problem);
                    return new Mailer.Delivery(sent, waiting.size() - sent, problem);
                }
                sent++;
            }
            return new Mailer.Delivery(sent, 0, null);
        } finally {
            threads.shutdownNow();
        }
    }

    /** @return {@code null} when posted, else what went wrong (no token, no URL path in it) */
    private String post(HttpClient client, Path file, String token) {
        String where = "webhook " + settings.where();
        try {
            JsonNode stored = JSON.readTree(Files.readString(file));
            String batchId = stored.path("batch").asString("");
            WebhookMessage message = new WebhookMessage(batchId, stored.path("title").asString(""),
                    stored.path("text").asString(""));
            WebhookMessage.Shape shape = message.shape(settings.format());
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.webhook())).timeout(TIMEOUT)
                    .header("Content-Type", shape.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(shape.body()));
            shape.headers().forEach(request::header);
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                return where + " answered HTTP " + response.statusCode();
            }
            log.info("posted the message of batch {} to the {}", batchId, where);
            keep(file, batchId);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return where + ": interrupted";
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            return where + ": " + reason.replace(settings.webhook(), settings.where());
        }
    }

    /** Out of the outbox once posted, beside its report; gone at least, so that it is never posted twice. */
    private void keep(Path file, String batchId) {
        try {
            Path delivered = home.batchReports(batchId.isEmpty() ? "unknown" : batchId).resolve("webhook.json");
            Files.createDirectories(delivered.getParent());
            Files.move(file, delivered, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.warn("posted {}, but could not move it out of the outbox ({}); deleting it", file, e.getMessage());
            try {
                Files.deleteIfExists(file);
            } catch (IOException again) {
                log.warn("could not delete {} either: {}", file, again.getMessage());
            }
        }
    }

    private List<Path> waiting() {
        if (!Files.isDirectory(home.outbox())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(home.outbox())) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + home.outbox(), e);
        }
    }
}
