package dev.nightshift.pr;

import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessResult;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.exec.ProcessSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The GitHub token: {@code GITHUB_TOKEN} of nightshift's own environment, else what
 * {@code gh auth token} prints. It is held in memory only: never logged (gh's output goes to no
 * log file), never stored, never given to a child process.
 */
@Component
public class GitHubToken {

    private static final Duration GH_TIMEOUT = Duration.ofSeconds(30);
    private static final Path NO_LOG = Path.of("/dev/null");

    private final ProcessEnvironment environment;
    private final ProcessRunner runner;
    private volatile String token;

    public GitHubToken(ProcessEnvironment environment, ProcessRunner runner) {
        this.environment = environment;
        this.runner = runner;
    }

    /** The token; a {@link GitHubException} naming both sources when neither has one. */
    public String get() {
        String known = token;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (token == null) {
                token = find();
            }
            return token;
        }
    }

    private String find() {
        String fromEnv = environment.get("GITHUB_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        Map<String, String> extra = new LinkedHashMap<>();
        // gh reads its login from its config folder; only where that lives is passed on, no token.
        for (String name : List.of("GH_CONFIG_DIR", "XDG_CONFIG_HOME", "GH_HOST")) {
            String value = environment.get(name);
            if (value != null) {
                extra.put(name, value);
            }
        }
        ProcessResult gh = runner.run(ProcessSpec.of("gh auth token", List.of("gh", "auth", "token"),
                Path.of(System.getProperty("java.io.tmpdir")), environment.forTools(extra), GH_TIMEOUT, NO_LOG)
                .capturingStdout());
        String printed = gh.stdout().strip();
        if (!gh.succeeded() || printed.isEmpty() || printed.contains("\n") || printed.contains(" ")) {
            throw new GitHubException("no GitHub token: set GITHUB_TOKEN in nightshift's environment, or log in with"
                    + " `gh auth login` (`gh auth token` " + (gh.exitCode() == -1 ? "could not be started"
                    : "exited with " + gh.exitCode()) + ")");
        }
        return printed;
    }
}
