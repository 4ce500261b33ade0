package dev.nightshift.cli;

import dev.nightshift.store.Budget;
import java.util.Optional;

/**
 * Can the budget stop the configured agent? Not when the agent reports no cost (the generic
 * kind): every run then counts as free, and budget.daily-usd and monthly-usd never stop one.
 * A warning, not a failure: such an agent still works.
 */
final class BudgetCheck {

    private BudgetCheck() {
    }

    static Optional<Check> check(SetupChecks.Settings settings) {
        if (Budget.sees(settings.settings().agent().kind())) {
            return Optional.empty();
        }
        return Optional.of(Check.warn("budget", Budget.COST_UNKNOWN + " (agent.kind generic reports no cost)",
                "watch its spend where its model is billed, or use a kind that reports cost (claude, codex, aider)"));
    }
}
