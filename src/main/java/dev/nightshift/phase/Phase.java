package dev.nightshift.phase;

/**
 * One of the five phases. The batch runs each under its own hard deadline; a phase records what
 * it did in the database and returns a one-line summary for the timeline.
 */
public interface Phase {

    /** supervisor, build, maintenance, integration or report. */
    String name();

    PhaseReport run(BatchRun run) throws Exception;
}
