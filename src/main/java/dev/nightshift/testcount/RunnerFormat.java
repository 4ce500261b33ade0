package dev.nightshift.testcount;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One test runner's closing output, and how to read the counts from it.
 *
 * @param name   how the counts were read, as the owner reads it ("unittest summary line")
 * @param reader the counts in the output's lines, summed over every summary of this kind in it
 *               (a monorepo runs the same runner once per package); empty when there is none
 */
record RunnerFormat(String name, Reader reader) {

    interface Reader {
        Optional<TestCounts> read(List<String> lines);
    }

    Optional<TestCounts> read(List<String> lines) {
        return reader.read(lines).map(c -> c.named(name));
    }

    /** The sum over every line {@code pattern} finds in, each read by {@code counts}. */
    static Optional<TestCounts> sum(List<String> lines, Pattern pattern, Function<Matcher, TestCounts> counts) {
        TestCounts total = null;
        for (String line : lines) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                TestCounts one = counts.apply(m);
                if (one != null) {
                    total = total == null ? one : total.plus(one);
                }
            }
        }
        return Optional.ofNullable(total);
    }

    /** The number before {@code word} in a list such as "1 failed, 2 passed" (0 when absent). */
    static int count(String text, String word) {
        Matcher m = Pattern.compile("(\\d+) " + word + "\\b").matcher(text);
        int total = 0;
        while (m.find()) {
            total += Integer.parseInt(m.group(1));
        }
        return total;
    }
}
