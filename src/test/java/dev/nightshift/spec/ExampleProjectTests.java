package dev.nightshift.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.Home;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkout's wip-specs/_example: a copy of it is a valid project that queues no work; its sample spec is a valid spec. */
class ExampleProjectTests {

    private static final Path EXAMPLE = Path.of("wip-specs/_example");

    @TempDir
    Path dir;

    @Test
    void aCopyOfTheExampleFolderIsAProjectWithNothingQueued() throws IOException {
        Path project = dir.resolve("wip-specs/myproject");
        copyTree(EXAMPLE, project);

        ProjectQueue copied = WorkspaceReader.read(new Home(dir)).projects().get(0);

        assertThat(copied.name()).isEqualTo("myproject");
        assertThat(copied.usable()).as("its project.yml is valid").isTrue();
        assertThat(copied.problems()).isEmpty();
        assertThat(copied.hasOpenWork()).as("the example spec does not become work").isFalse();
    }

    @Test
    void theSampleSpecIsAValidSpecWithTasks() {
        Spec sample = SpecParser.read("myproject", SpecFolder.NEXT, EXAMPLE.resolve("example-spec.md"));
        assertThat(sample.tasks()).hasSizeGreaterThan(1);
        assertThat(UneditedTemplate.find(sample)).as("it is no unedited template").isEmpty();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path source : all.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        assertThat(List.of(to.resolve("project.yml"))).allSatisfy(p -> assertThat(p).exists());
    }
}
