package dev.nightshift.build;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.nightshift.spec.FailureStreaks;
import dev.nightshift.spec.FollowUps;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.SpecMover;
import dev.nightshift.spec.SpecTicker;
import dev.nightshift.spec.WipJournal;
import dev.nightshift.spec.WorkspaceReader;
import dev.nightshift.testing.OwnClasses;
import org.junit.jupiter.api.Test;

/**
 * The build carries out its work order and reads the owner's queue no other way: only the one
 * class that applies a build's queue writes afterwards ({@link QueueUpdates}) reads or writes
 * wip-specs/ and wip.md.
 */
class BuildReadsOnlyTheOrderTests {

    private static final JavaClasses BUILD = OwnClasses.in("dev.nightshift.build");

    @Test
    void noPartOfTheBuildButTheQueueUpdatesReadsOrWritesTheQueue() {
        noClasses().that().resideInAPackage("dev.nightshift.build").and().doNotHaveSimpleName("QueueUpdates")
                .should().dependOnClassesThat().belongToAnyOf(WorkspaceReader.class, ProjectQueue.class,
                        SpecMover.class, SpecTicker.class, FailureStreaks.class)
                .because("the build reads its work order, not the queue")
                .check(BUILD);
    }

    @Test
    void theBuildNeitherReadsNorAppendsTheJournalNorFilesFollowUpsItself() {
        noClasses().that().resideInAPackage("dev.nightshift.build").and().doNotHaveSimpleName("QueueUpdates")
                .should().callMethod(WipJournal.class, "append", java.time.ZonedDateTime.class, String.class,
                        String.class, String.class, String.class, String.class)
                .orShould().callMethod(WipJournal.class, "recent", int.class)
                .orShould().callMethod(FollowUps.class, "write", ProjectQueue.class, FollowUps.Filing.class)
                .orShould().callMethod(FollowUps.class, "file", java.util.List.class, ProjectQueue.class)
                .because("the journal the prompt shows comes with the order; entries and follow-ups are queue changes")
                .check(BUILD);
    }
}
