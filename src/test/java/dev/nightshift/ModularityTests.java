package dev.nightshift;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.nightshift.testing.OwnClasses;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The phases meet in the database, not in each other's code:
 * a phase package never depends on another phase package or on the batch that runs them, and the
 * report reads the store only.
 */
class ModularityTests {

    private static final List<String> PHASES = List.of("supervisor", "build", "maintenance", "integration", "report");
    private static final JavaClasses MAIN = OwnClasses.in("dev.nightshift");

    @Test
    void noPhaseDependsOnAnotherPhaseOrOnTheBatch() {
        for (String phase : PHASES) {
            List<String> others = new java.util.ArrayList<>();
            PHASES.stream().filter(p -> !p.equals(phase)).forEach(p -> others.add("dev.nightshift." + p + ".."));
            others.add("dev.nightshift.batch..");
            others.add("dev.nightshift.cli..");
            others.add("dev.nightshift.schedule..");
            noClasses().that().resideInAPackage("dev.nightshift." + phase + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                    .because("phases meet in the database")
                    .check(MAIN);
        }
    }

    @Test
    void infrastructureNeverDependsOnPhasesOrTheirCallers() {
        noClasses().that().resideInAnyPackage("dev.nightshift.exec..", "dev.nightshift.git..", "dev.nightshift.store..",
                        "dev.nightshift.spec..", "dev.nightshift.config..", "dev.nightshift.secret..", "dev.nightshift.io..",
                        "dev.nightshift.testcount..", "dev.nightshift.phase..", "dev.nightshift.order..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.nightshift.supervisor..", "dev.nightshift.build..",
                        "dev.nightshift.maintenance..", "dev.nightshift.integration..", "dev.nightshift.report..",
                        "dev.nightshift.batch..", "dev.nightshift.cli..", "dev.nightshift.schedule..")
                .check(MAIN);
    }

    @Test
    void theReportReadsWhatWasRecordedAndRunsNoAgent() {
        noClasses().that().resideInAPackage("dev.nightshift.report..")
                .should().dependOnClassesThat().resideInAPackage("dev.nightshift.agent..")
                .because("the report renders what the phases recorded; it never runs or asks an agent")
                .check(MAIN);
    }

    @Test
    void theSchedulerOnlyLaunches() {
        noClasses().that().resideInAPackage("dev.nightshift.schedule..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.nightshift.supervisor..", "dev.nightshift.build..",
                        "dev.nightshift.maintenance..", "dev.nightshift.integration..", "dev.nightshift.report..",
                        "dev.nightshift.store..", "dev.nightshift.git..", "dev.nightshift.agent..")
                .check(MAIN);
    }
}
