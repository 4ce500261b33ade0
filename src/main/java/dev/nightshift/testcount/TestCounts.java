package dev.nightshift.testcount;

/**
 * How many tests a run executed, and how they ended.
 *
 * @param run     every test the run reported, skipped ones included
 * @param source  how the numbers were read: "JUnit XML", or the runner's summary ("unittest summary line")
 */
public record TestCounts(int run, int failed, int errors, int skipped, String source) {

    /** Counts not yet named by the reader that found them. */
    static TestCounts of(int run, int failed, int errors, int skipped) {
        return new TestCounts(run, failed, errors, skipped, null);
    }

    public int passed() {
        return Math.max(0, run - failed - errors - skipped);
    }

    /** Tests that ran to an end, passed or not; skipped ones did not run. */
    public int executed() {
        return Math.max(0, run - skipped);
    }

    /** Tests that failed or ended in an error: any one fails the gate, whatever the command's exit. */
    public int unsuccessful() {
        return failed + errors;
    }

    /** "22 run, 16 passed, 6 failed" (skipped ones named when there are any). */
    public String describe() {
        return run + " run, " + passed() + " passed, " + unsuccessful() + " failed"
                + (skipped > 0 ? ", " + skipped + " skipped" : "");
    }

    TestCounts plus(TestCounts other) {
        String both = source == null ? other.source : other.source == null || source.equals(other.source) ? source
                : source + " + " + other.source;
        return new TestCounts(run + other.run, failed + other.failed, errors + other.errors,
                skipped + other.skipped, both);
    }

    TestCounts named(String name) {
        return new TestCounts(run, failed, errors, skipped, name);
    }
}
