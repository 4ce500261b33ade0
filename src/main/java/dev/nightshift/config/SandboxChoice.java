package dev.nightshift.config;

import dev.nightshift.exec.Bubblewrap;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.Sandbox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which sandbox do the agent and the test commands run in? The one {@code agent.sandbox} names,
 * hiding nightshift's home (settings, specs, state, clones, prompts, reports) and the owner's home
 * folder, as the JVM knows it and as {@code HOME} names it.
 */
public final class SandboxChoice {

    private SandboxChoice() {
    }

    public static Sandbox of(Home home, NightshiftSettings settings, ProcessEnvironment environment) {
        if (settings.agent().sandbox() == SandboxMode.NONE) {
            return Sandbox.none();
        }
        List<Path> hidden = new ArrayList<>(List.of(home.root()));
        String userHome = System.getProperty("user.home");
        if (userHome != null && !userHome.isBlank()) {
            hidden.add(Path.of(userHome));
        }
        String homeVariable = environment.get("HOME");
        if (homeVariable != null && homeVariable.startsWith("/")) {
            hidden.add(Path.of(homeVariable));
        }
        return Sandbox.bubblewrap(Bubblewrap.find(environment.get("PATH")), hidden, home.state().resolve("sandbox"),
                settings.agent().sandboxNetwork() == SandboxNetwork.HOST);
    }
}
