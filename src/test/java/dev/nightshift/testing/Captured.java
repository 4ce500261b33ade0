package dev.nightshift.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A command run in this JVM with its standard output and error captured. */
public record Captured(int exit, String out, String err) {

    public static Captured run(TestHome home, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("--home", home.root().toString()));
        all.addAll(List.of(args));
        return execute(all.toArray(String[]::new));
    }

    /** The command line exactly as given, without a {@code --home}. */
    public static synchronized Captured execute(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int exit = dev.nightshift.cli.NightshiftCommand.execute(args);
            return new Captured(exit, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    public List<String> lines() {
        return out.lines().toList();
    }

    /** The text after {@code heading} up to the next blank line. */
    public String section(String heading) {
        int start = out.indexOf(heading);
        if (start < 0) {
            return "";
        }
        int end = out.indexOf("\n\n", start);
        return end < 0 ? out.substring(start) : out.substring(start, end);
    }
}
