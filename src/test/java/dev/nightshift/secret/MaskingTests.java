package dev.nightshift.secret;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the masker hides, and that logged exceptions are masked like messages. */
class MaskingTests {

    private static final String CONFIGURED = "s3cr3t-value-from-the-env";
    private static final String GITHUB_SHAPED = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";

    @AfterEach
    void reset() {
        MaskedMessageConverter.use(SecretMasker.none());
    }

    @Test
    void configuredValuesAndTokenShapesAreMaskedAndNamed() {
        SecretMasker masker = SecretMasker.forVariables(List.of("DEPLOY_KEY", "SHORT"),
                Map.of("DEPLOY_KEY", CONFIGURED, "SHORT", "abc"));

        assertThat(masker.mask("key " + CONFIGURED + " and " + GITHUB_SHAPED + " and abc"))
                .isEqualTo("key [secret] and [secret] and abc");
        assertThat(masker.findIn("here: " + CONFIGURED + ", " + GITHUB_SHAPED))
                .containsExactly("the value of DEPLOY_KEY", "a token shaped like a GitHub token");
    }

    @Test
    void everyTokenShapeIsMaskedWhereverItStandsInALongText() {
        SecretMasker masker = SecretMasker.none();
        String filler = "plain words of a long spec, log or plan, nothing secret in them. ".repeat(200);
        List<String> tokens = List.of("AKIA" + "ABCDEFGHIJKLMNOP", "ASIA" + "ABCDEFGHIJKLMNOP", GITHUB_SHAPED,
                "github_pat_" + "A".repeat(30), "sk-ant-" + "a".repeat(24), "sk-" + "b".repeat(40),
                "sk-proj-" + "c".repeat(40), "xoxb-" + "1234567890ab", "AIza" + "d".repeat(35), "glpat-" + "e".repeat(24),
                "-----BEGIN RSA PRIVATE KEY-----", "gho_" + "f".repeat(36), "ghu_" + "g".repeat(36),
                "ghs_" + "h".repeat(36), "ghr_" + "i".repeat(36));
        for (String token : tokens) {
            String masked = masker.mask(filler + " " + token + " " + filler);
            assertThat(masked).as(token).doesNotContain(token).contains("[secret]").startsWith(filler);
            assertThat(masker.findIn(filler + token)).as(token).isNotEmpty();
        }
        assertThat(masker.mask(filler + "https://bot:hunter2-pass@git.example.com")).endsWith("https://bot:[secret]@git.example.com");
        assertThat(masker.mask(filler)).as("nothing to mask: the text itself").isSameAs(filler);
        String github = filler + " pr.api: https://api.github.com, the highest ghost";
        assertThat(masker.mask(github)).as("github.com is no token").isSameAs(github);
        assertThat(masker.findIn(filler)).isEmpty();
    }

    @Test
    void aPasswordInAUrlIsMaskedAndItsUserKept() {
        SecretMasker masker = SecretMasker.none();

        assertThat(masker.mask("fatal: unable to access 'https://bot:hunter2-pass@git.example.com/shop.git/'"))
                .isEqualTo("fatal: unable to access 'https://bot:[secret]@git.example.com/shop.git/'");
        assertThat(masker.mask("ssh://git@example.com:22/shop.git and https://example.com/a:b@c"))
                .as("no password there").isEqualTo("ssh://git@example.com:22/shop.git and https://example.com/a:b@c");
        assertThat(masker.findIn("https://bot:hunter2-pass@git.example.com")).containsExactly("a password in a URL");
    }

    @Test
    void aLoggedExceptionIsMaskedOnTheConsoleAndInTheBatchLogs() {
        MaskedMessageConverter.use(SecretMasker.forVariables(List.of("DEPLOY_KEY"), Map.of("DEPLOY_KEY", CONFIGURED)));
        LoggerContext context = new LoggerContext();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("maskedMsg", MaskedMessageConverter::new);
        layout.getInstanceConverterMap().put("maskedEx", MaskedThrowableConverter::new);
        layout.setPattern("%maskedMsg%n%maskedEx");
        layout.start();
        Logger logger = context.getLogger("test");
        Exception failure = new IllegalStateException("git push failed: remote said " + GITHUB_SHAPED,
                new RuntimeException("used " + CONFIGURED));

        String line = layout.doLayout(new LoggingEvent("test", logger, Level.ERROR,
                "publishing with " + CONFIGURED + " failed", failure, null));

        assertThat(line).contains("publishing with [secret] failed", "remote said [secret]", "used [secret]",
                "IllegalStateException").doesNotContain(CONFIGURED, GITHUB_SHAPED);
    }
}
