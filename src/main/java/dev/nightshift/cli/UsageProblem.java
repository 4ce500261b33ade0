package dev.nightshift.cli;

import dev.nightshift.batch.BatchResult;

/**
 * A command that cannot start as asked (a home that does not exist, a project that is not one):
 * the command line prints its one-line message and exits with {@link BatchResult#BAD_CONFIGURATION},
 * without a stack trace, since nothing went wrong inside nightshift.
 */
final class UsageProblem extends RuntimeException {

    UsageProblem(String message) {
        super(message);
    }
}
