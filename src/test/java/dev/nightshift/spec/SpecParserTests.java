package dev.nightshift.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SpecParserTests {

    private static final Path FILE = Path.of("/home/wip-specs/shop/next/0004-billing.md");

    private static Spec parse(String text) {
        return SpecParser.parse("shop", SpecFolder.NEXT, FILE, text, Instant.EPOCH);
    }

    @Test
    void readsFrontMatterTitleAndTasks() {
        Spec spec = parse("""
                ---
                priority: 2                 # lower runs first
                depends-on: [0003-auth]
                verify: pytest tests/test_stripe.py -v
                paths: ["app/billing/**", "tests/**"]
                ---
                # Stripe billing

                Some words.

                ## Tasks
                - [x] Customer model and migration
                - [ ] Webhook endpoint with signature check
                - [ ] Refunds

                ## Acceptance
                - not a task
                """);
        assertThat(spec.name()).isEqualTo("0004-billing");
        assertThat(spec.branch()).isEqualTo("nightshift/0004-billing");
        assertThat(spec.title()).isEqualTo("Stripe billing");
        assertThat(spec.meta().priority()).isEqualTo(2);
        assertThat(spec.meta().dependsOn()).containsExactly("0003-auth");
        assertThat(spec.meta().verify()).isEqualTo("pytest tests/test_stripe.py -v");
        assertThat(spec.meta().paths()).containsExactly("app/billing/**", "tests/**");
        assertThat(spec.tasks()).extracting(SpecTask::text).containsExactly(
                "Customer model and migration", "Webhook endpoint with signature check", "Refunds");
        assertThat(spec.tasks()).extracting(SpecTask::done).containsExactly(true, false, false);
        assertThat(spec.nextTask()).get().extracting(SpecTask::text).isEqualTo("Webhook endpoint with signature check");
        assertThat(spec.tasks().get(1).line()).as("0-based line in the file").isEqualTo(12);
    }

    @Test
    void headingsAreReadAsTheirTextWhateverTheirInlineMarkupAndTasksAsWritten() {
        Spec spec = parse("# Stripe *billing* with [a link][ref]\n\nSome **words**.\n\n"
                + "## *Tasks*\n- [ ] Model with `code` and *emphasis*\n\n[ref]: https://example.com\n");
        assertThat(spec.title()).isEqualTo("Stripe billing with a link");
        assertThat(spec.tasks()).extracting(SpecTask::text).containsExactly("Model with `code` and *emphasis*");
    }

    @Test
    void aSpecWithoutATaskListIsOneTask() {
        Spec spec = parse("# Dark mode\n\nMake it dark.\n");
        assertThat(spec.hasTaskList()).isFalse();
        assertThat(spec.tasks()).extracting(SpecTask::text).containsExactly("Dark mode");
        assertThat(spec.meta().effectivePriority()).isEqualTo(5);
    }

    @Test
    void anAgentsSpecGetsNoGateOfItsOwn() {
        Spec spec = parse("---\norigin: agent\npriority: 1\nverify: rm -rf /\npaths: [\"**\"]\n---\n# Follow-up\n");
        assertThat(spec.meta().fromAgent()).isTrue();
        assertThat(spec.meta().effectivePriority()).isEqualTo(5);
        assertThat(spec.meta().effectiveVerify()).isNull();
        assertThat(spec.meta().effectivePaths()).isNull();
    }

    @Test
    void brokenFrontMatterNamesItsLine() {
        assertThatThrownBy(() -> parse("---\npriority: 2\ndepends-on: 7\nverfy: x\n---\n# T\n"))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("0004-billing.md:4: front matter: verfy: unknown key");
    }

    @Test
    void anEmptySpecIsRefused() {
        assertThatThrownBy(() -> parse("---\npriority: 2\n---\n\n"))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("the spec is empty");
    }
}
