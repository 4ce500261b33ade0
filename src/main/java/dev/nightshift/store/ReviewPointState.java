package dev.nightshift.store;

/** Where one comment or review nightshift read on a pull request stands. */
public enum ReviewPointState {
    /** The owner asked for something the agent has not yet answered: the next batch addresses it. */
    OPEN,
    /** The agent answered it in a batch whose work passed the gate and was pushed. */
    ADDRESSED,
    /** Given to the agent {@code build.max-attempts} times without an answer: left to the owner. */
    NEEDS_YOU,
    /** A review without text: only its decision (approved, changes requested) counts. */
    DECISION,
    /**
     * Read and not given to the agent: written by someone without write access to the repository,
     * or by nightshift itself. Its text is not kept.
     */
    NOT_FOR_AGENT
}
