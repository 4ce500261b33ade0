package dev.nightshift.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes one row by its key, replacing the row that has that key: in SQL that H2 and PostgreSQL
 * both speak (H2's {@code MERGE ... KEY} is H2's own; PostgreSQL's {@code ON CONFLICT} is its own).
 * An update first; when it changed nothing, an insert; when another writer inserted the same key
 * in between, the update again.
 */
final class Upsert {

    private final String table;
    private final Map<String, Object> keys = new LinkedHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Upsert(String table) {
        this.table = table;
    }

    static Upsert into(String table) {
        return new Upsert(table);
    }

    Upsert key(String column, Object value) {
        keys.put(column, value);
        return this;
    }

    Upsert value(String column, Object value) {
        values.put(column, value);
        return this;
    }

    void write(JdbcClient jdbc) {
        if (update(jdbc) > 0) {
            return;
        }
        List<String> columns = new ArrayList<>(keys.keySet());
        columns.addAll(values.keySet());
        List<Object> params = new ArrayList<>(keys.values());
        params.addAll(values.values());
        try {
            jdbc.sql("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")").params(params).update();
        } catch (DuplicateKeyException insertedMeanwhile) {
            update(jdbc);
        }
    }

    private int update(JdbcClient jdbc) {
        List<Object> params = new ArrayList<>(values.values());
        params.addAll(keys.values());
        return jdbc.sql("UPDATE " + table + " SET " + values.keySet().stream().map(c -> c + " = ?").collect(Collectors.joining(", "))
                + " WHERE " + keys.keySet().stream().map(c -> c + " = ?").collect(Collectors.joining(" AND ")))
                .params(params).update();
    }
}
