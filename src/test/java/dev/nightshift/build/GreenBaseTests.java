package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.build.BaseTestFloor.BaseRun;
import org.junit.jupiter.api.Test;

/** Base must pass the test command, and run tests, before an agent works on the project. */
class GreenBaseTests {

    private static final String SHA = "abc1234def5678";

    @Test
    void aTestCommandTheShellCannotRunOnBaseNamesTheSettingAndTheShellsLine() {
        assertThat(GreenBase.judge("calc", "main", new BaseRun(SHA, null, null, 127,
                "bash: test/run.sh: No such file or directory"))).contains("the test command fails on main at"
                + " abc1234def before any change (exit 127: bash: test/run.sh: No such file or directory): fix test"
                + " in wip-specs/calc/project.yml, or make main green");
    }

    @Test
    void testsThatFailOnBaseAreARedBase() {
        assertThat(GreenBase.judge("calc", "trunk", new BaseRun(SHA, 3, 1, 1, null)))
                .contains("the test command fails on trunk at abc1234def before any change (exit 1): fix test in"
                        + " wip-specs/calc/project.yml, or make trunk green");
    }

    @Test
    void aBaseWithoutTestsYetIsNoProblemTheFirstTaskMayAddThem() {
        assertThat(GreenBase.judge("calc", "main", new BaseRun(SHA, 0, 0, 0, "Tests run: 0"))).isEmpty();
        assertThat(GreenBase.judge("calc", "main", new BaseRun(SHA, 0, 0, 5, "no tests ran in 0.01s")))
                .as("pytest's exit 5 for an empty suite").isEmpty();
        assertThat(GreenBase.judge("calc", "main", new BaseRun(SHA, null, null, 5, null)))
                .as("pytest -qq prints nothing for an empty suite; its exit 5 says it").isEmpty();
    }

    @Test
    void aBaseWhoseTestsCannotBeCountedIsASetupProblemThatSaysWhatItPrintedAndHowToFixIt() {
        assertThat(GreenBase.judge("calc", "main", new BaseRun(SHA, null, null, 0, "build ok ⏎ all good")))
                .hasValueSatisfying(why -> assertThat(why).startsWith("the test command exits 0 on main at abc1234def,"
                        + " but nightshift cannot count its tests").contains("(it printed: build ok ⏎ all good)",
                        "test-reports: in wip-specs/calc/project.yml", "Test runners nightshift counts"));
    }

    @Test
    void testsThatFailOnBaseBehindAnExitZeroAreARedBase() {
        assertThat(GreenBase.judge("calc", "main", new BaseRun(SHA, 2, 2, 0, "0 passed, 2 failed")))
                .contains("the test command exits 0 on main at abc1234def, but 2 test(s) failed there before any change:"
                        + " make main green (or fix test in wip-specs/calc/project.yml)");
    }

    @Test
    void aGreenBaseWithTestsLetsTheAgentWorkHoweverFewItRuns() {
        assertThat(GreenBase.judge("calc", "main", new BaseRun(SHA, 1, 0, 0, "Tests run: 1, Failures: 0"))).isEmpty();
        assertThat(GreenBase.judge("calc", "main", new BaseRun(SHA, 1, null, null, null)))
                .as("a count from an older batch, exit not known").isEmpty();
    }

    @Test
    void theTellingLineIsTheShellsFirstForACommandItCouldNotRunElseTheLast() {
        String tail = "$ bash -c x\nbash: x: command not found\nmore\nnightshift: exit 127 after 3 ms";
        assertThat(BaseTestFloor.said(127, tail)).isEqualTo("bash: x: command not found");
        assertThat(BaseTestFloor.said(1, "PASS a\nFAIL b: no\nTests run: 2, Failures: 1\n"))
                .isEqualTo("Tests run: 2, Failures: 1");
        assertThat(BaseTestFloor.said(1, "$ make test\nnightshift: exit 1 after 2 ms")).isNull();
    }
}
