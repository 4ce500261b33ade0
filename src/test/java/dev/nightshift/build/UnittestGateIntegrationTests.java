package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.TestHome;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code python3 -m unittest} on a real Python repository gates a real change: counted from
 * unittest's closing lines ("Ran 3 tests in 0.001s", "OK"), the passing change opens its pull
 * request with the count, and a change whose test fails is held with nothing pushed.
 */
class UnittestGateIntegrationTests {

    @TempDir
    Path dir;

    private TestHome home(String agentScript) {
        TestHome home = TestHome.create(dir);
        Map<String, String> python = new HashMap<>();
        python.put("calc.py", "def add(a, b):\n    return a + b\n");
        python.put("test_calc.py", """
                import unittest
                from calc import add

                class AddTests(unittest.TestCase):
                    def test_adds(self):
                        self.assertEqual(add(2, 3), 5)

                    def test_adds_negatives(self):
                        self.assertEqual(add(-2, -3), -5)
                """);
        OriginRepo.commit(home, dir, "main", python, "a python project");
        Path agent = home.agent("agent.sh", "cat > /dev/null\n" + agentScript);
        home.settings("agent: {kind: generic, command: \"" + agent + "\"}\nbuild: {fix-attempts: 0}\n");
        home.project("calc", "test: python3 -m unittest\n");
        home.spec("calc", "next", "0001-sub", "# Subtraction\n");
        return home;
    }

    @Test
    void aPassingChangeOpensItsPullRequestWithTheCount() {
        TestHome home = home("""
                printf 'def add(a, b):\\n    return a + b\\n\\ndef sub(a, b):\\n    return a - b\\n' > calc.py
                printf 'import unittest\\nfrom calc import sub\\n\\nclass SubTests(unittest.TestCase):\\n    def test_subtracts(self):\\n        self.assertEqual(sub(5, 3), 2)\\n' > test_sub.py
                """);

        assertThat(home.run("run")).isZero();

        var db = home.db();
        assertThat(db.sql("SELECT outcome FROM build_results").query(String.class).single()).isEqualTo("PR_OPENED");
        assertThat(db.sql("SELECT tests_executed FROM base_test_counts").query(Integer.class).single())
                .as("base counted from unittest's closing lines").isEqualTo(2);
        assertThat(db.sql("SELECT tests_run FROM gate_runs WHERE command_kind = 'test'").query(Integer.class).single()).isEqualTo(3);
        assertThat(db.sql("SELECT body FROM pull_requests").query(String.class).single()).contains("Tests: 3 of 3 passed");
        assertThat(home.originFiles("nightshift/0001-sub")).contains("test_sub.py");
    }

    @Test
    void aChangeWhoseTestFailsIsHeldAndNothingIsPushed() {
        TestHome home = home("""
                printf 'def add(a, b):\\n    return a + b\\n\\ndef sub(a, b):\\n    return a + b\\n' > calc.py
                printf 'import unittest\\nfrom calc import sub\\n\\nclass SubTests(unittest.TestCase):\\n    def test_subtracts(self):\\n        self.assertEqual(sub(5, 3), 2)\\n' > test_sub.py
                """);

        assertThat(home.run("run")).isEqualTo(1);

        var db = home.db();
        assertThat(db.sql("SELECT outcome FROM build_results").query(String.class).single()).isEqualTo("TESTS_FAILED");
        assertThat(db.sql("SELECT detail FROM build_results").query(String.class).single())
                .isEqualTo("the test command exited with 1 (3 run, 2 passed, 1 failed, from the unittest summary line)");
        assertThat(home.originHasBranch("nightshift/0001-sub")).isFalse();
        assertThat(db.sql("SELECT COUNT(*) FROM pull_requests").query(Integer.class).single()).isZero();
    }
}
