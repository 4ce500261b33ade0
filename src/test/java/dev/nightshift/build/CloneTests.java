package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.git.RepositoryClones;
import dev.nightshift.testing.TestHome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's git work happens in nightshift's own clone of the repository the order names. */
class CloneTests {

    @TempDir
    Path dir;

    @Test
    void theOrdersRepositoryIsClonedIntoTheHomesStateAndFetchedAgainLater() {
        TestHome home = TestHome.create(dir);
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");
        BuildContext build = FakeOrders.context(home.home(), FakeOrders.order(home, "shop", "0001-feature"), false);
        Clone step = new Clone(new RepositoryClones(home.home(), FakeOrders.git()));

        assertThat(step.run(build).stops()).isFalse();
        assertThat(build.clone).isEqualTo(home.home().clone("shop"));
        String first = TestHome.gitOut(build.clone, "rev-parse", "origin/main").strip();

        Path other = dir.resolve("other");
        TestHome.gitOut(dir, "clone", "--quiet", home.origin().toString(), other.toString());
        TestHome.write(other.resolve("new.txt"), "pushed by someone else\n");
        TestHome.gitOut(other, "add", "--all");
        TestHome.gitOut(other, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-m", "more");
        TestHome.gitOut(other, "push", "--quiet", "origin", "HEAD:main");
        assertThat(step.run(build).stops()).isFalse();

        assertThat(TestHome.gitOut(build.clone, "rev-parse", "origin/main").strip()).isNotEqualTo(first)
                .isEqualTo(TestHome.gitOut(other, "rev-parse", "HEAD").strip());
    }
}
