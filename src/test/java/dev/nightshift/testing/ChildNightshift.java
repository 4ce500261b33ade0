package dev.nightshift.testing;

import dev.nightshift.NightshiftApplication;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code nightshift} as a process of its own: a JVM on the test classpath, its output to a log file. */
public final class ChildNightshift {

    private ChildNightshift() {
    }

    /** The command line with {@code --home} set, both output streams to {@code log}; its environment may be changed. */
    public static ProcessBuilder builder(TestHome home, Path log, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), NightshiftApplication.class.getName(),
                "--home", home.root().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    }

    public static Process start(TestHome home, Path log, String... args) throws IOException {
        return builder(home, log, args).start();
    }
}
