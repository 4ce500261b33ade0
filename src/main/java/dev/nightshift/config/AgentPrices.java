package dev.nightshift.config;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * What the agent's model costs per million tokens, for kinds whose output carries tokens but no
 * cost (codex): nightshift then estimates the cost of a run from its tokens. The defaults are the
 * list prices of OpenAI's codex models when this was written; set your own under {@code agent.prices}.
 *
 * @param inputPerMtok       USD per million input tokens not served from the cache
 * @param cachedInputPerMtok USD per million input tokens served from the cache
 * @param outputPerMtok      USD per million output tokens
 */
public record AgentPrices(BigDecimal inputPerMtok, BigDecimal cachedInputPerMtok, BigDecimal outputPerMtok) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public AgentPrices {
        inputPerMtok = notNegative("input-per-mtok", inputPerMtok, "1.25");
        cachedInputPerMtok = notNegative("cached-input-per-mtok", cachedInputPerMtok, "0.125");
        outputPerMtok = notNegative("output-per-mtok", outputPerMtok, "10.00");
    }

    public static AgentPrices defaults() {
        return new AgentPrices(null, null, null);
    }

    /**
     * The estimated cost of a run.
     *
     * @param inputTokens  all input tokens, cached ones included (as codex counts them)
     * @param cachedTokens the share of {@code inputTokens} served from the cache
     */
    public BigDecimal estimate(long inputTokens, long cachedTokens, long outputTokens) {
        long uncached = Math.max(0, inputTokens - cachedTokens);
        BigDecimal total = inputPerMtok.multiply(BigDecimal.valueOf(uncached))
                .add(cachedInputPerMtok.multiply(BigDecimal.valueOf(Math.min(cachedTokens, inputTokens))))
                .add(outputPerMtok.multiply(BigDecimal.valueOf(outputTokens)));
        return total.divide(MILLION, MathContext.DECIMAL64).setScale(6, RoundingMode.HALF_UP);
    }

    private static BigDecimal notNegative(String key, BigDecimal value, String fallback) {
        if (value == null) {
            return new BigDecimal(fallback);
        }
        if (value.signum() < 0) {
            throw new InvalidSettingException(key, value + " is negative; a price is at least 0");
        }
        return value;
    }
}
