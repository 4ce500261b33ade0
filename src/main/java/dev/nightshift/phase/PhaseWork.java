package dev.nightshift.phase;

/**
 * The work of one of the five phases. The batch runs each under its own hard deadline; a phase
 * records what it did in the database and returns a one-line summary for the timeline.
 */
public interface PhaseWork {

    /** Which phase this is. */
    Phase phase();

    PhaseReport run(BatchRun run) throws Exception;
}
