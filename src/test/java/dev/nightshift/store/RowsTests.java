package dev.nightshift.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

class RowsTests {

    /** Components of the kinds the store's records have: ids, snake_case names, instants, enums, nulls, flags. */
    record Result(Long id, String batchId, Instant startedAt, BuildOutcome outcome, Integer testsRun, boolean passed,
                  int attempt) {
    }

    private JdbcClient jdbc;

    @BeforeEach
    void table() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:rows-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        jdbc = JdbcClient.create(h2);
        jdbc.sql("""
                CREATE TABLE results (id BIGINT PRIMARY KEY, batch_id VARCHAR(40), started_at TIMESTAMP WITH TIME ZONE,
                    outcome VARCHAR(20), tests_run INT, passed BOOLEAN, attempt INT, extra VARCHAR(10))""").update();
        jdbc.sql("INSERT INTO results VALUES (1, '20261205-010000', TIMESTAMP WITH TIME ZONE '2026-12-05 01:00:00+00',"
                + " 'PR_OPENED', 12, TRUE, 1, 'x')").update();
        jdbc.sql("INSERT INTO results VALUES (2, '20261205-030000', TIMESTAMP WITH TIME ZONE '2026-12-05 03:00:00+00',"
                + " 'SKIPPED', NULL, FALSE, 2, NULL)").update();
    }

    @Test
    void aRowBecomesTheRecordSpringsOwnMapperMakesOfIt() {
        List<Result> ours = jdbc.sql("SELECT * FROM results ORDER BY id").query(Rows.of(Result.class)).list();
        List<Result> springs = jdbc.sql("SELECT * FROM results ORDER BY id").query(Result.class).list();

        assertThat(ours).isEqualTo(springs).containsExactly(
                new Result(1L, "20261205-010000", Instant.parse("2026-12-05T01:00:00Z"), BuildOutcome.PR_OPENED, 12, true, 1),
                new Result(2L, "20261205-030000", Instant.parse("2026-12-05T03:00:00Z"), BuildOutcome.SKIPPED, null, false, 2));
    }

    @Test
    void aColumnNamedLikeTheComponentItselfIsFoundTooWhateverItsOrder() {
        Result result = jdbc.sql("SELECT attempt, passed, tests_run AS testsRun, outcome, started_at, batch_id AS batchId, id"
                + " FROM results WHERE id = 1").query(Rows.of(Result.class)).single();

        assertThat(result.testsRun()).isEqualTo(12);
        assertThat(result.batchId()).isEqualTo("20261205-010000");
        assertThat(result.attempt()).isEqualTo(1);
    }

    @Test
    void aNullInAPrimitiveComponentIsRefusedAsSpringsOwnMapperRefusesIt() {
        jdbc.sql("INSERT INTO results VALUES (3, 'b', NULL, NULL, NULL, NULL, NULL, NULL)").update();

        assertThatThrownBy(() -> jdbc.sql("SELECT * FROM results WHERE id = 3").query(Rows.of(Result.class)).single())
                .isInstanceOf(ConversionFailedException.class).hasMessageContaining("to type [boolean]");
        assertThatThrownBy(() -> jdbc.sql("SELECT * FROM results WHERE id = 3").query(Result.class).single())
                .isInstanceOf(ConversionFailedException.class).hasMessageContaining("to type [boolean]");
    }

    @Test
    void aMissingColumnIsNamed() {
        assertThatThrownBy(() -> jdbc.sql("SELECT id, batch_id FROM results").query(Rows.of(Result.class)).list())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("no column started_at for Result.startedAt");
    }
}
