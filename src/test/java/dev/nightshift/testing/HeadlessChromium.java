package dev.nightshift.testing;

import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessResult;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.exec.ProcessSpec;
import dev.nightshift.exec.RunningProcesses;
import dev.nightshift.secret.SecretMasker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Chromium, headless, that photographs a local page and keeps a log of the network
 * requests it made, so a test can tell the page's own requests from the browser's.
 */
public final class HeadlessChromium {

    private static final List<String> PLACES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");

    /** A screenshot and the URLs (other than file:) that the page itself asked for. */
    public record Shot(Path png, ProcessResult process, List<String> pageRequests) {
    }

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The Chromium of this machine, if one is installed where Debian and Google put it. */
    public static Optional<HeadlessChromium> find() {
        return PLACES.stream().map(Path::of).filter(Files::isExecutable).findFirst().map(HeadlessChromium::new);
    }

    /** Photographs {@code page} at {@code width} x {@code height}, with a fresh profile under {@code work}. */
    public Shot screenshot(Path page, Path png, int width, int height, Path work) throws IOException {
        Files.deleteIfExists(png);
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        Path netLog = work.resolve(png.getFileName() + ".netlog.json");
        ProcessRunner runner = new ProcessRunner(new RunningProcesses(), new ProcessDeadline(), SecretMasker.none());
        ProcessResult result = runner.run(ProcessSpec.of("chromium", List.of(binary.toString(), "--headless",
                        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                        "--log-net-log=" + netLog, "--screenshot=" + png, "--window-size=" + width + "," + height,
                        page.toUri().toString()),
                work, ProcessEnvironment.ofSystem(Set.of()).forTools(Map.of()), Duration.ofSeconds(90),
                work.resolve(png.getFileName() + ".chromium.log")));
        return new Shot(png, result, Files.exists(netLog) ? pageRequests(netLog) : List.of());
    }

    /**
     * The requests the page made: those Chromium files under the page's own site ({@code file://}),
     * apart from the browser's own traffic (updates, time, accounts), which has another or no site.
     */
    static List<String> pageRequests(Path netLog) throws IOException {
        JsonNode log = JsonMapper.builder().build().readTree(Files.readString(netLog));
        int startJob = log.path("constants").path("logEventTypes").path("URL_REQUEST_START_JOB").asInt(-1);
        List<String> urls = new ArrayList<>();
        for (JsonNode event : log.path("events")) {
            JsonNode params = event.path("params");
            if (event.path("type").asInt() == startJob && params.path("network_isolation_key").asString("").contains("file://")
                    && !params.path("url").asString("").startsWith("file:")) {
                urls.add(params.path("url").asString());
            }
        }
        return urls;
    }
}
