package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.ProjectSettings;
import dev.nightshift.git.StagedChange;
import dev.nightshift.git.StagedChange.FileChange;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.spec.Spec;
import dev.nightshift.spec.SpecFolder;
import dev.nightshift.spec.SpecFrontMatter;
import dev.nightshift.spec.SpecTask;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The guards' rules on a change: the write gate, deletions, added secrets. */
class ChangeGuardRulesTests {

    private static ProjectSettings project(List<String> paths, List<String> protectedPaths) {
        return new ProjectSettings("repo.git", "main", "make test", null, null, null, paths, protectedPaths);
    }

    private static Spec spec(List<String> paths, String origin) {
        return new Spec("shop", "0001-x", SpecFolder.NEXT, Path.of("0001-x.md"), "X",
                new SpecFrontMatter(null, null, null, paths, origin, null), List.of(), false, "", Instant.EPOCH, "h");
    }

    private static StagedChange changed(String... paths) {
        return new StagedChange(Arrays.stream(paths).map(p -> new FileChange(p, null, 'M', 1, 0, false)).toList(), Map.of());
    }

    private static List<String> files(List<GuardBreach> breaches, String guard) {
        return breaches.stream().filter(b -> b.guard().equals(guard)).flatMap(b -> b.files().stream()).toList();
    }

    @Test
    void protectedPathsAreNeverChangedWhateverPathsAllow() {
        List<GuardBreach> breaches = WriteGate.check(changed(".github/workflows/ci.yml", "wip-specs/shop/next/a.md", "src/a.sh"),
                project(List.of("**"), ProjectSettings.DEFAULT_PROTECTED), spec(null, null));
        assertThat(files(breaches, "protected path")).containsExactly(".github/workflows/ci.yml", "wip-specs/shop/next/a.md");
        assertThat(files(breaches, "outside paths")).isEmpty();
    }

    @Test
    void projectPathsAreGlobsAndTheSpecNarrowsThem() {
        ProjectSettings project = project(List.of("src/**", "tests/"), ProjectSettings.DEFAULT_PROTECTED);
        assertThat(WriteGate.check(changed("src/billing/stripe.sh", "tests/test_a.sh"), project, spec(null, null))).isEmpty();
        assertThat(files(WriteGate.check(changed("docs/notes.md", "README.md"), project, spec(null, null)), "outside paths"))
                .containsExactly("docs/notes.md", "README.md");
        assertThat(files(WriteGate.check(changed("src/billing/a.sh", "src/auth/b.sh"), project,
                spec(List.of("src/billing/**"), null)), "outside paths")).containsExactly("src/auth/b.sh");
    }

    @Test
    void anAgentsSpecCannotWidenOrNarrowTheGate() {
        ProjectSettings project = project(List.of("src/**"), ProjectSettings.DEFAULT_PROTECTED);
        assertThat(files(WriteGate.check(changed("docs/x.md"), project, spec(List.of("**"), "agent")), "outside paths"))
                .containsExactly("docs/x.md");
    }

    @Test
    void aLeadingDoubleStarAlsoMatchesAtTheTop() {
        ProjectSettings project = project(List.of("**/*.md"), List.of());
        assertThat(WriteGate.check(changed("README.md", "docs/a/b.md"), project, spec(null, null))).isEmpty();
        assertThat(files(WriteGate.check(changed("src/a.sh"), project, spec(null, null)), "outside paths")).containsExactly("src/a.sh");
    }

    @Test
    void aRenameOutOfAProtectedPathChangesIt() {
        StagedChange rename = new StagedChange(List.of(new FileChange("ci.yml", ".github/ci.yml", 'R', 0, 0, false)), Map.of());
        assertThat(files(WriteGate.check(rename, project(null, ProjectSettings.DEFAULT_PROTECTED), spec(null, null)),
                "protected path")).containsExactly(".github/ci.yml");
    }

    @Test
    void deletionsBeyondTheLimitAreNamedLargestFirst() {
        StagedChange change = new StagedChange(List.of(new FileChange("a.txt", null, 'M', 0, 300, false),
                new FileChange("b.txt", null, 'M', 2, 150, false)), Map.of());
        List<GuardBreach> breaches = DeletionGuard.check(change, new SpecTask(0, "Tidy up", false, -1), 400);
        assertThat(breaches).singleElement().satisfies(b -> {
            assertThat(b.why()).contains("deleted 450 lines", "(400)");
            assertThat(b.files()).containsExactly("a.txt (-300)", "b.txt (-150)");
        });
        assertThat(DeletionGuard.check(change, new SpecTask(0, "Tidy up", false, -1), 450)).isEmpty();
    }

    @Test
    void aWholeFileMayBeDeletedOnlyWhenTheTaskNamesIt() {
        StagedChange change = new StagedChange(List.of(new FileChange("legacy/old_api.py", null, 'D', 0, 10, false),
                new FileChange("tests/test_old_api.py", null, 'D', 0, 10, false),
                new FileChange("new/place.py", "old/place.py", 'R', 0, 0, false)), Map.of());
        List<GuardBreach> breaches = DeletionGuard.check(change,
                new SpecTask(0, "Remove old_api.py, it is unused", false, -1), 400);
        assertThat(files(breaches, "deleted files")).containsExactly("tests/test_old_api.py");
    }

    @Test
    void addedSecretsAreFoundAndNamedWithoutTheirValue() {
        SecretMasker masker = SecretMasker.forVariables(List.of("DEPLOY_TOKEN"), Map.of("DEPLOY_TOKEN", "s3cr3t-deploy-value"));
        StagedChange change = new StagedChange(List.of(), Map.of(
                "src/aws.sh", List.of("export AWS_ACCESS_KEY_ID=AKIA" + "IOSFODNN7EXAMPLE"),
                "deploy/key.pem", List.of("-----BEGIN RSA PRIVATE KEY-----", "MIIEow"),
                "src/deploy.sh", List.of("curl -H 'token: s3cr3t-deploy-value' example.com"),
                "src/clean.sh", List.of("echo hello")));
        List<GuardBreach> breaches = SecretGuard.check(change, masker);
        assertThat(breaches).singleElement().satisfies(b -> {
            assertThat(b.files()).containsExactlyInAnyOrder("src/aws.sh", "deploy/key.pem", "src/deploy.sh");
            assertThat(b.why()).contains("an AWS access key", "a private key", "the value of DEPLOY_TOKEN")
                    .doesNotContain("s3cr3t-deploy-value", "IOSFODNN7EXAMPLE");
        });
        assertThat(ChangeGuards.describe(breaches)).doesNotContain("s3cr3t-deploy-value");
    }

    @Test
    void theDescriptionNamesEveryFile() {
        String text = ChangeGuards.describe(List.of(new GuardBreach("outside paths", List.of("a", "b"), "wrote outside")));
        assertThat(Arrays.stream(text.split("\n")).collect(Collectors.toList()))
                .containsExactly("- **outside paths**: the agent wrote outside:", "  - `a`", "  - `b`");
    }
}
