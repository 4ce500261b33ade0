package dev.nightshift.exec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environment a child process gets: an allow-list of the parent's variables, never the whole
 * of it. The agent gets the narrowest one; the project's tests a wider fixed one for build tools;
 * git alone also gets the owner's SSH agent, to reach the remote. The GitHub token and the SMTP
 * password reach none of them.
 */
public final class ProcessEnvironment {

    /**
     * What every program needs to run at all: PATH, HOME, LANG and TERM; besides these the agent
     * gets only what agent.env names.
     */
    public static final List<String> BASE = List.of("PATH", "HOME", "LANG", "TERM");

    /** What build tools commonly need besides the base; no credentials. */
    public static final List<String> TOOLS = List.of(
            "LC_ALL", "LC_CTYPE", "TZ", "USER", "LOGNAME", "SHELL", "TMPDIR",
            "JAVA_HOME", "MAVEN_HOME", "M2_HOME", "MAVEN_OPTS", "GRADLE_USER_HOME",
            "GOPATH", "GOCACHE", "GOMODCACHE", "CARGO_HOME", "RUSTUP_HOME",
            "NVM_DIR", "PYENV_ROOT", "VIRTUAL_ENV",
            "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy");

    /**
     * The owner's way to the remote, for git only: the tests and the integration run execute code
     * the agent may have written, and must not be able to push anywhere with the owner's keys.
     */
    public static final List<String> GIT_ACCESS = List.of("SSH_AUTH_SOCK", "GIT_SSH_COMMAND", "GIT_SSH");

    /** Never passed on, whatever a list says: they belong to nightshift, not to its children. */
    public static final Set<String> NEVER = Set.of("GITHUB_TOKEN", "GH_TOKEN", "GH_ENTERPRISE_TOKEN",
            "GITHUB_ENTERPRISE_TOKEN", "SMTP_PASSWORD");

    private final Map<String, String> parent;
    private final Set<String> alsoNever;

    /**
     * @param parent    the variables of nightshift's own process
     * @param alsoNever further names that must never reach a child (e.g. the configured SMTP password variable)
     */
    public ProcessEnvironment(Map<String, String> parent, Set<String> alsoNever) {
        this.parent = Map.copyOf(parent);
        this.alsoNever = Set.copyOf(alsoNever);
    }

    public static ProcessEnvironment ofSystem(Set<String> alsoNever) {
        return new ProcessEnvironment(System.getenv(), alsoNever);
    }

    /** For the agent: the base, the names in {@code agent.env}, and nightshift's own variables. */
    public Map<String, String> forAgent(List<String> allowed, Map<String, String> nightshiftVariables) {
        Map<String, String> env = pick(BASE);
        env.putAll(pick(allowed));
        env.putAll(nightshiftVariables);
        return env;
    }

    /** For the project's tests, its integration run and other tools: no way to the owner's keys. */
    public Map<String, String> forTools(Map<String, String> extra) {
        Map<String, String> env = pick(BASE);
        env.putAll(pick(TOOLS));
        env.putAll(extra);
        return env;
    }

    /** For git: the tools' environment and the owner's SSH agent, to fetch and push. */
    public Map<String, String> forGit(Map<String, String> extra) {
        Map<String, String> env = forTools(extra);
        env.putAll(pick(GIT_ACCESS));
        return env;
    }

    public String get(String name) {
        return parent.get(name);
    }

    private Map<String, String> pick(List<String> names) {
        Map<String, String> picked = new LinkedHashMap<>();
        for (String name : names) {
            if (NEVER.contains(name) || alsoNever.contains(name)) {
                continue;
            }
            String value = parent.get(name);
            if (value != null) {
                picked.put(name, value);
            }
        }
        return picked;
    }
}
