package dev.nightshift.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.Home;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spec that still holds the {@code spec new} template's text is a problem to fix, not work. */
class UneditedTemplateTests {

    @TempDir
    Path dir;

    private Path next;

    @BeforeEach
    void project() throws IOException {
        Path project = dir.resolve("wip-specs/shop");
        Files.createDirectories(project.resolve("next"));
        Files.writeString(project.resolve("project.yml"), "repo: /srv/shop.git\ntest: make test\n");
        next = project.resolve("next");
    }

    @Test
    void theTemplateAsWrittenBySpecNewIsSkippedWithItsFileAndLine() throws IOException {
        Files.writeString(next.resolve("0001-stripe.md"), template("Stripe billing"));

        ProjectQueue shop = WorkspaceReader.read(new Home(dir)).projects().get(0);

        assertThat(shop.in(SpecFolder.NEXT)).isEmpty();
        assertThat(shop.problems()).extracting(FileProblem::toString).containsExactly(next.resolve("0001-stripe.md")
                + ":8: still holds the spec template's text (\"What to build and why, for an engineer who has never seen"
                + " this project.\"): edit it first; skipped until then");
    }

    @Test
    void aTemplateWhoseTextWasWrittenButWhoseTaskWasLeftIsStillSkipped() throws IOException {
        String text = template("Stripe billing")
                .replace(UneditedTemplate.PLACEHOLDERS.get(0), "Customers pay by card through Stripe.")
                .replace(UneditedTemplate.PLACEHOLDERS.get(1), "Use the test keys.");
        Files.writeString(next.resolve("0001-stripe.md"), text);

        ProjectQueue shop = WorkspaceReader.read(new Home(dir)).projects().get(0);

        assertThat(shop.in(SpecFolder.NEXT)).isEmpty();
        assertThat(shop.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(12);
            assertThat(p.message()).contains("\"The first small step, with its tests\"", "edit it first");
        });
    }

    @Test
    void aPlaceholderReWrappedByAnEditorIsFoundToo() throws IOException {
        String text = template("Stripe billing").replace("for an engineer who", "for an engineer\nwho");
        Files.writeString(next.resolve("0001-stripe.md"), text);

        assertThat(WorkspaceReader.read(new Home(dir)).projects().get(0).in(SpecFolder.NEXT)).isEmpty();
    }

    @Test
    void anEditedSpecIsWork() throws IOException {
        String text = template("Stripe billing")
                .replace(UneditedTemplate.PLACEHOLDERS.get(0), "Customers pay by card through Stripe.")
                .replace(UneditedTemplate.PLACEHOLDERS.get(1), "")
                .replace(UneditedTemplate.PLACEHOLDERS.get(2), "Customer model and migration");
        Files.writeString(next.resolve("0001-stripe.md"), text);

        ProjectQueue shop = WorkspaceReader.read(new Home(dir)).projects().get(0);

        assertThat(shop.problems()).isEmpty();
        assertThat(shop.in(SpecFolder.NEXT)).singleElement()
                .satisfies(s -> assertThat(s.nextTask().orElseThrow().text()).isEqualTo("Customer model and migration"));
    }

    @Test
    void everyPlaceholderIsInTheTemplate() throws IOException {
        String template = template("x");
        assertThat(UneditedTemplate.PLACEHOLDERS).allSatisfy(p -> assertThat(template).contains(p));
    }

    /** The template as {@code spec new} fills it in. */
    private static String template(String title) throws IOException {
        try (InputStream in = UneditedTemplateTests.class.getResourceAsStream("/templates/spec.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("[(${title})]", title);
        }
    }
}
