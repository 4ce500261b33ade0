package dev.nightshift.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Rows of a cluster's database as text, read while its processes run; none before the first one migrated it. */
public final class ClusterRows {

    private final TestPostgres pg;

    public ClusterRows(TestPostgres pg) {
        this.pg = pg;
    }

    public List<List<String>> rows(String sql) throws SQLException {
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            try (ResultSet tables = c.getMetaData().getTables(null, null, "nodes", null)) {
                if (!tables.next()) {
                    return List.of();
                }
            }
            try (ResultSet rs = st.executeQuery(sql)) {
                List<List<String>> out = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getString(i));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    /** The first column of each row. */
    public List<String> column(String sql) throws SQLException {
        return rows(sql).stream().map(row -> row.get(0)).toList();
    }
}
