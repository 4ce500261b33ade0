package dev.nightshift.store;

import dev.nightshift.config.AgentKind;
import dev.nightshift.config.BudgetSettings;
import dev.nightshift.config.NightshiftSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.stereotype.Component;

/**
 * Whether another agent run may start: spend today and this month (local time), summed from the
 * stored runs, against {@code stop-at} of each budget.
 */
@Component
public class Budget {

    /** Said where spend would be when the agent reports no cost: the budget cannot stop what it cannot see. */
    public static final String COST_UNKNOWN = "cost unknown: the budget cannot stop this agent";

    /** Whether the budget sees what runs of this kind cost: the generic kind reports no cost at all. */
    public static boolean sees(AgentKind kind) {
        return kind != AgentKind.GENERIC;
    }

    /** Spend against both budgets at one moment. */
    public record State(BigDecimal spentToday, BigDecimal dailyUsd, BigDecimal spentMonth, BigDecimal monthlyUsd,
                        BigDecimal stopAt) {

        public BigDecimal dailyShare() {
            return share(spentToday, dailyUsd);
        }

        public BigDecimal monthlyShare() {
            return share(spentMonth, monthlyUsd);
        }

        /** No new run at or above {@code stop-at} of either budget. */
        public boolean allowsRun() {
            return dailyShare().compareTo(stopAt) < 0 && monthlyShare().compareTo(stopAt) < 0;
        }

        /** What a single run may still spend before either budget reaches its stop share. */
        public BigDecimal leftUsd() {
            BigDecimal day = dailyUsd.multiply(stopAt).subtract(spentToday);
            BigDecimal month = monthlyUsd.multiply(stopAt).subtract(spentMonth);
            return day.min(month).max(BigDecimal.ZERO);
        }

        public String describe() {
            return String.format(java.util.Locale.ROOT, "today $%.2f of $%.2f (%d%%), this month $%.2f of $%.2f (%d%%)",
                    spentToday, dailyUsd, percent(dailyShare()), spentMonth, monthlyUsd, percent(monthlyShare()));
        }

        /** The share of the daily budget spent, in whole percent. */
        public int dailyPercent() {
            return percent(dailyShare());
        }

        /** The share of the monthly budget spent, in whole percent. */
        public int monthlyPercent() {
            return percent(monthlyShare());
        }

        private static int percent(BigDecimal share) {
            return share.multiply(BigDecimal.valueOf(100)).setScale(0, RoundingMode.HALF_UP).intValue();
        }

        private static BigDecimal share(BigDecimal spent, BigDecimal budget) {
            if (budget.signum() == 0) {
                return spent.signum() > 0 ? BigDecimal.ONE : BigDecimal.ZERO;
            }
            return spent.divide(budget, 6, RoundingMode.HALF_UP);
        }
    }

    private final AgentRunRepository runs;
    private final BudgetSettings settings;
    private final Clock clock;

    public Budget(AgentRunRepository runs, NightshiftSettings settings, Clock clock) {
        this.runs = runs;
        this.settings = settings.budget();
        this.clock = clock;
    }

    public State now() {
        ZoneId zone = clock.getZone();
        LocalDate today = LocalDate.now(clock);
        Instant startOfDay = today.atStartOfDay(zone).toInstant();
        Instant startOfMonth = today.withDayOfMonth(1).atStartOfDay(zone).toInstant();
        return new State(runs.spendSince(startOfDay), settings.dailyUsd(), runs.spendSince(startOfMonth),
                settings.monthlyUsd(), settings.stopAt());
    }
}
