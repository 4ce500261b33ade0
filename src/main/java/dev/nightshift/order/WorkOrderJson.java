package dev.nightshift.order;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** A work order (or what came of one) as JSON: how it is kept in the database and sent to a worker. */
public final class WorkOrderJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private WorkOrderJson() {
    }

    public static String write(WorkOrder order) {
        return JSON.writeValueAsString(order);
    }

    public static WorkOrder read(String json) {
        return JSON.readValue(json, WorkOrder.class);
    }

    public static String write(OrderResult result) {
        return JSON.writeValueAsString(result);
    }

    public static OrderResult readResult(String json) {
        return JSON.readValue(json, OrderResult.class);
    }
}
