package dev.nightshift.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Confines what runs code the agent could have written: the agent itself and the project's
 * {@code test}, {@code verify} and {@code integration} commands. With the sandbox on (the default)
 * such a command sees the file system read-only, its working folder and a fresh scratch HOME
 * writable, nightshift's home and the owner's home as empty folders, and runs in its own PID
 * namespace that dies with it. With it off (the owner's explicit {@code agent.sandbox: none}) a
 * spec is returned as it was.
 */
public final class Sandbox {

    private final Confinement base;
    private final boolean agentNetwork;

    /**
     * @param base         the confinement of a test command; {@code null} for no sandbox at all
     * @param agentNetwork whether the agent keeps the network ({@code agent.sandbox-network})
     */
    public Sandbox(Confinement base, boolean agentNetwork) {
        this.base = base;
        this.agentNetwork = agentNetwork;
    }

    /** No sandbox: every command runs as the owner's own processes do. */
    public static Sandbox none() {
        return new Sandbox(null, true);
    }

    /**
     * @param bwrap       the bubblewrap program, empty when it is not installed
     * @param hidden      folders out of sight (nightshift's home, the owner's home)
     * @param scratchRoot where each run's scratch HOME is made
     */
    public static Sandbox bubblewrap(Optional<Path> bwrap, List<Path> hidden, Path scratchRoot, boolean agentNetwork) {
        String missing = bwrap.isPresent() ? null : Bubblewrap.missing() + "; " + Bubblewrap.INSTALL;
        // The tests keep the network: they may need a database or a service on this machine.
        return new Sandbox(new Confinement(bwrap.orElse(null), missing, hidden, List.of(), List.of(), true, scratchRoot),
                agentNetwork);
    }

    /** Whether commands run confined ({@code agent.sandbox: bwrap}). */
    public boolean confines() {
        return base != null;
    }

    /** Why nothing confined can run (bubblewrap is missing), with the fix; empty when all is well. */
    public Optional<String> problem() {
        return base == null ? Optional.empty() : Optional.ofNullable(base.missing());
    }

    /**
     * The agent's run, confined.
     *
     * @param readOnly files it must read from out of sight (its prompt, the script its command names)
     * @param writable paths besides its working copy it must write
     */
    public ProcessSpec forAgent(ProcessSpec spec, List<Path> readOnly, List<Path> writable) {
        return base == null ? spec : spec.confined(base.showing(readOnly, writable).withNetwork(agentNetwork));
    }

    /**
     * A run of the project's {@code test}, {@code verify} or {@code integration} command, confined;
     * a script the owner's command line names by its absolute path is shown read-only.
     */
    public ProcessSpec forTests(ProcessSpec spec) {
        return base == null ? spec : spec.confined(base.showing(filesNamedIn(spec.command()), List.of()));
    }

    /** The existing files that words of a command line (or of a shell line among them) name by absolute path. */
    public static List<Path> filesNamedIn(List<String> words) {
        List<Path> named = new ArrayList<>();
        for (String word : words) {
            for (String part : word.split("[\\s'\"=;|&()<>]+")) {
                if (part.startsWith("/") && Files.isRegularFile(Path.of(part))) {
                    named.add(Path.of(part));
                }
            }
        }
        return named;
    }
}
