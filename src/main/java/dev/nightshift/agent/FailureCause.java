package dev.nightshift.agent;

/**
 * Whose is a failed agent run: the work's, or the setup's or the service's. Only {@link #WORK}
 * is the spec's failure; the others never count against it.
 */
public enum FailureCause {
    /** The agent failed at the work (or said nothing that names another cause): the spec's failure. */
    WORK,
    /** The budget cap nightshift passed to the run ({@code --max-budget-usd}) cut it short. */
    BUDGET_CAP,
    /** The agent's service refused its credentials (HTTP 401 or 403, an invalid or revoked key). */
    AUTHENTICATION,
    /** The agent's service was down, overloaded or limiting its rate (HTTP 5xx, 529, 429, "high demand"). */
    SERVICE;

    /** Whether a failure of this cause is the spec's own. */
    public boolean specsOwn() {
        return this == WORK;
    }

    /** What the owner does about it, in a sentence ({@code null} for the work's own failure). */
    public String whatToDo() {
        return switch (this) {
            case WORK -> null;
            case BUDGET_CAP -> "nightshift capped the run at what was left of the budget; raise budget.daily-usd or"
                    + " budget.monthly-usd in nightshift.yml, or wait for the budget to reset";
            case AUTHENTICATION -> "the agent's service refused its key: set a valid key in the variable agent.env"
                    + " names in nightshift.yml (ANTHROPIC_API_KEY, OPENAI_API_KEY, ...) or log the agent in again";
            case SERVICE -> "the agent's service was unavailable (an outage, overload or rate limit); nothing to fix"
                    + " here, the next batch tries again";
        };
    }
}
