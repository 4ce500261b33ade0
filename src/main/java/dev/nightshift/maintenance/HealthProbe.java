package dev.nightshift.maintenance;

import dev.nightshift.config.Durations;
import dev.nightshift.config.HealthCheck;
import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.store.HealthOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Is a production URL up? One GET, redirects not followed (the owner names the exact status), the
 * whole answer, body included, bounded by the check's timeout and by what is left of the phase.
 */
@Component
class HealthProbe {

    /** What one check found; {@code statusCode} is null when no answer came. */
    public record Result(HealthOutcome outcome, Integer statusCode, Duration latency, String detail) {
    }

    /** Only this much of a body is read to look for the expected text. */
    private static final int MAX_BODY_BYTES = 256 * 1024;

    private final ProcessDeadline deadline;
    /** Made at the first check: a client sets up TLS on creation, which every start paid, checks or none. */
    private final SingletonSupplier<HttpClient> client;
    private final ExecutorService bodyReaders = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "health-body");
        t.setDaemon(true);
        return t;
    });

    public HealthProbe(ProcessDeadline deadline) {
        this.deadline = deadline;
        this.client = SingletonSupplier.of(() -> HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30)).build());
    }

    public Result probe(HealthCheck check) {
        Duration limit = deadline.clamp(check.timeout());
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(check.url())).GET().timeout(limit)
                .header("User-Agent", "nightshift-health-check").build();
        CompletableFuture<HttpResponse<InputStream>> answer = client.obtain().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> response;
        try {
            response = answer.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            return timedOut(limit);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                return timedOut(limit);
            }
            return new Result(HealthOutcome.DOWN, null, since(started), describe(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            return timedOut(limit);
        }
        Duration latency = since(started);
        int status = response.statusCode();
        String body;
        try {
            body = readBody(response.body(), limit.minus(latency));
        } catch (TimeoutException e) {
            return new Result(HealthOutcome.TIMED_OUT, status, limit, "HTTP " + status + " but the body did not end within "
                    + Durations.format(limit));
        }
        if (status != check.expect()) {
            return new Result(HealthOutcome.DOWN, status, latency, "HTTP " + status + ", expected " + check.expect());
        }
        if (check.body() != null && (body == null || !body.contains(check.body()))) {
            return new Result(HealthOutcome.DOWN, status, latency, "HTTP " + status + " but the body does not contain \""
                    + check.body() + "\"");
        }
        return new Result(HealthOutcome.UP, status, latency, "HTTP " + status + " in " + latency.toMillis() + " ms");
    }

    private String readBody(InputStream in, Duration left) throws TimeoutException {
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return null;
            }
        }, bodyReaders);
        try {
            return read.get(Math.max(1, left.toMillis()), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        } finally {
            if (!read.isDone()) {
                closeQuietly(in);
            }
        }
    }

    private static Result timedOut(Duration limit) {
        return new Result(HealthOutcome.TIMED_OUT, null, limit, "no answer within " + Durations.format(limit));
    }

    private static String describe(Throwable cause) {
        if (cause instanceof ConnectException) {
            return "connection refused or unreachable";
        }
        if (cause instanceof java.nio.channels.UnresolvedAddressException
                || cause != null && cause.getCause() instanceof java.nio.channels.UnresolvedAddressException) {
            return "unknown host";
        }
        String message = cause == null ? null : cause.getMessage();
        return cause == null ? "no answer" : cause.getClass().getSimpleName() + (message != null ? ": " + message : "");
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the reader thread ends with the closed stream
        }
    }
}
