package dev.nightshift.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The bubblewrap command line that runs a command confined. The order of the mounts is the
 * point: the whole file system read-only first, then an empty folder over what must stay out of
 * sight (parents before their children), then the working folder, the scratch HOME and the
 * other shown paths on top of that, and last the empty folders made read-only.
 */
final class BubblewrapArguments {

    /** Where systemd-resolved keeps the file /etc/resolv.conf may link to. */
    private static final Path RESOLVER = Path.of("/run/systemd/resolve");

    private BubblewrapArguments() {
    }

    /**
     * @param scratchHome the run's fresh HOME, made by nightshift
     * @return the full command line, bubblewrap first and the command after {@code --}
     */
    static List<String> command(Confinement confinement, Path workDir, Path scratchHome, List<String> command) {
        List<String> args = new ArrayList<>(List.of(confinement.bwrap().toString(),
                // Every process of the sandbox dies with it, whatever it does to its session or group.
                "--die-with-parent", "--unshare-pid", "--new-session",
                // Started by root, a sandbox would keep every capability and could simply unmount
                // what hides nightshift's home; without them no mount can be undone.
                "--cap-drop", "ALL",
                // No System V shared memory or message queues shared with the owner's processes.
                "--unshare-ipc"));
        if (!confinement.network()) {
            args.add("--unshare-net");
        }
        args.addAll(List.of("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"));
        // The sockets of the owner's session live under /run (/var/run links there): an ssh or gpg
        // agent, the session bus, a Docker daemon. A read-only mount still lets a process connect
        // to them, so /run is an empty folder; the resolver's folder comes back for name lookups.
        args.addAll(List.of("--tmpfs", "/run"));
        if (Files.isDirectory(RESOLVER)) {
            bind(args, "--ro-bind", RESOLVER);
        }
        Path work = normal(workDir);
        List<Path> hidden = confinement.hidden().stream().map(BubblewrapArguments::normal).distinct()
                .filter(h -> h.getParent() != null && Files.isDirectory(h))
                .sorted(Comparator.comparingInt(Path::getNameCount).thenComparing(Path::toString)).toList();
        hidden.forEach(h -> args.addAll(List.of("--tmpfs", h.toString())));
        bind(args, "--bind", work);
        bind(args, "--bind", normal(scratchHome));
        confinement.writable().stream().map(BubblewrapArguments::normal).filter(Files::exists).distinct()
                .forEach(p -> bind(args, "--bind", p));
        confinement.readOnly().stream().map(BubblewrapArguments::normal).filter(Files::exists).distinct()
                .forEach(p -> bind(args, "--ro-bind", p));
        // Read-only once the shown paths are mounted in them: a write there would only seem to work.
        hidden.forEach(h -> args.addAll(List.of("--remount-ro", h.toString())));
        args.addAll(List.of("--chdir", work.toString(), "--"));
        args.addAll(command);
        return args;
    }

    private static void bind(List<String> args, String how, Path path) {
        args.addAll(List.of(how, path.toString(), path.toString()));
    }

    private static Path normal(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
