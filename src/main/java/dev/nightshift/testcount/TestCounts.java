package dev.nightshift.testcount;

/**
 * How many tests a run executed, and how they ended.
 *
 * @param source where the numbers come from: a JUnit XML report, or a runner's summary line
 */
public record TestCounts(int run, int failed, int errors, int skipped, String source) {

    public int passed() {
        return Math.max(0, run - failed - errors - skipped);
    }

    /** Tests that ran to an end, passed or not; skipped ones did not run. */
    public int executed() {
        return Math.max(0, run - skipped);
    }

    TestCounts plus(TestCounts other) {
        return new TestCounts(run + other.run, failed + other.failed, errors + other.errors,
                skipped + other.skipped, source);
    }
}
