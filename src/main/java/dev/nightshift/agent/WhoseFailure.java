package dev.nightshift.agent;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Whose is an agent run's failure ({@link FailureCause})? Read from what the agent's CLI itself
 * reports of a failed run: Claude Code's result ({@code subtype}, {@code api_error_status}, its
 * "API Error: 529 ..." text), Codex's failed turns and error events, Aider's model call exceptions.
 * Only a run that failed is asked: a model's words in a successful run never make it the service's.
 */
final class WhoseFailure {

    /** "API Error: 529", "status 503", "HTTP 429", "401 Unauthorized". */
    private static final Pattern STATUS = Pattern.compile(
            "(?:API Error:?|status(?: code)?:?|HTTP(?:/[\\d.]+)?)\\s*(\\d{3})\\b|\\b(\\d{3}) (?:Unauthorized|Forbidden|"
                    + "Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout)",
            Pattern.CASE_INSENSITIVE);
    private static final List<String> AUTHENTICATION = List.of("authentication_error", "permission_error",
            "invalid x-api-key", "invalid api key", "invalid_api_key", "incorrect api key", "authenticationerror",
            "permissiondeniederror", "please run /login", "unauthorized", "api key is invalid", "oauth token has expired");
    private static final List<String> SERVICE = List.of("overloaded", "rate_limit_error", "rate limit", "ratelimiterror",
            "too many requests", "high demand", "service unavailable", "serviceunavailableerror", "internal server error",
            "internalservererror", "bad gateway", "gateway timeout", "apiconnectionerror", "stream disconnected",
            "exceeded retry limit", "connection refused", "connection reset", "timed out waiting for the server");

    private WhoseFailure() {
    }

    /** Claude Code's result object of a failed run. */
    static FailureCause ofClaude(JsonNode result) {
        if (result == null) {
            return FailureCause.WORK;
        }
        if ("error_max_budget_usd".equals(result.path("subtype").asString(""))) {
            return FailureCause.BUDGET_CAP;
        }
        if (result.hasNonNull("api_error_status")) {
            FailureCause byStatus = ofStatus(result.get("api_error_status").asInt(0));
            if (byStatus != FailureCause.WORK) {
                return byStatus;
            }
        }
        return result.path("is_error").asBoolean(false) ? ofMessage(result.path("result").asString("")) : FailureCause.WORK;
    }

    /** The words of a CLI's own error report (a failed turn, an exception of the model call). */
    static FailureCause ofMessage(String message) {
        if (message == null || message.isBlank()) {
            return FailureCause.WORK;
        }
        Matcher status = STATUS.matcher(message);
        while (status.find()) {
            FailureCause byStatus = ofStatus(Integer.parseInt(status.group(1) != null ? status.group(1) : status.group(2)));
            if (byStatus != FailureCause.WORK) {
                return byStatus;
            }
        }
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (AUTHENTICATION.stream().anyMatch(lower::contains)) {
            return FailureCause.AUTHENTICATION;
        }
        if (SERVICE.stream().anyMatch(lower::contains)) {
            return FailureCause.SERVICE;
        }
        return FailureCause.WORK;
    }

    static FailureCause ofStatus(int status) {
        if (status == 401 || status == 403) {
            return FailureCause.AUTHENTICATION;
        }
        if (status == 429 || status >= 500 && status <= 599) {
            return FailureCause.SERVICE;
        }
        return FailureCause.WORK;
    }
}
