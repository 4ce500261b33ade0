package dev.nightshift.config;

import java.math.BigDecimal;

/** Spending limits; no new agent run starts at or above {@code stopAt} of either budget. */
public record BudgetSettings(BigDecimal dailyUsd, BigDecimal monthlyUsd, BigDecimal stopAt) {

    public BudgetSettings {
        dailyUsd = positive("daily-usd", dailyUsd, new BigDecimal("5.00"));
        monthlyUsd = positive("monthly-usd", monthlyUsd, new BigDecimal("100.00"));
        stopAt = stopAt != null ? stopAt : new BigDecimal("0.90");
        if (stopAt.signum() <= 0 || stopAt.compareTo(BigDecimal.ONE) > 0) {
            throw new InvalidSettingException("stop-at", stopAt + " is not a share between 0 and 1 (e.g. 0.90)");
        }
    }

    public static BudgetSettings defaults() {
        return new BudgetSettings(null, null, null);
    }

    private static BigDecimal positive(String key, BigDecimal value, BigDecimal fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.signum() < 0) {
            throw new InvalidSettingException(key, value + " is negative; a budget cannot be");
        }
        return value;
    }
}
