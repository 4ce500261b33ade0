package dev.nightshift.cli;

import dev.nightshift.config.ConfigException;
import dev.nightshift.config.Home;
import dev.nightshift.config.ProjectSettings;
import dev.nightshift.config.SettingsFiles;
import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.exec.RunningProcesses;
import dev.nightshift.git.Git;
import dev.nightshift.git.GitException;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.Database;
import dev.nightshift.store.PullRequestRepository;
import dev.nightshift.store.Records.PullRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nightshift prs show SPEC}: what a reviewer of the spec's pull request needs on one page,
 * for a local pull request above all: its body, its commits and its diff against base, from
 * nightshift's clone. Paged like git when standard output is a terminal.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a spec's pull request: its body, its commits and its diff against base (paged like git"
                + " on a terminal).")
class PrsShowCommand implements Callable<Integer> {

    private static final Path NO_LOG = Path.of("/dev/null");

    @ParentCommand
    PrsCommand prs;

    @Parameters(paramLabel = "SPEC", description = "The spec's name (its file name without .md).")
    String spec;

    @Option(names = "--project", paramLabel = "P", description = "The spec's project, when several have a spec of that name.")
    String project;

    @Override
    public Integer call() {
        Home home = prs.parent.home();
        if (!Database.exists(home)) {
            System.err.println("no pull request yet: no batch has run in this home");
            return 2;
        }
        List<PullRequest> found;
        try (Database.Held db = Database.hold(home)) {
            found = new PullRequestRepository(db.jdbc(), SecretMasker.none()).all().stream()
                    .filter(pr -> pr.spec().equals(spec) && (project == null || pr.project().equals(project)))
                    .sorted(Comparator.comparing(PullRequest::id)).toList();
        }
        if (found.isEmpty()) {
            System.err.println("no pull request for the spec " + spec + (project != null ? " in " + project : ""));
            return 2;
        }
        if (found.stream().map(PullRequest::project).distinct().count() > 1) {
            System.err.println("the spec " + spec + " has pull requests in several projects ("
                    + String.join(", ", found.stream().map(PullRequest::project).distinct().toList()) + "): name one with --project");
            return 2;
        }
        Pager.show(render(home, found.get(found.size() - 1)), System.out);
        return 0;
    }

    static String render(Home home, PullRequest pr) {
        StringBuilder text = new StringBuilder();
        text.append("PR #").append(pr.number()).append("  ").append(pr.title()).append('\n')
                .append(pr.project()).append('/').append(pr.spec()).append(" · ").append(pr.state().name().toLowerCase(Locale.ROOT))
                .append(" · branch ").append(pr.branch()).append(" · ").append(pr.url()).append("\n\n");
        text.append(pr.body() == null || pr.body().isBlank() ? "(no body)" : pr.body().strip()).append("\n\n");
        Path clone = home.clone(pr.project());
        String base;
        try {
            base = SettingsFiles.readProject(home.wipSpecs().resolve(pr.project()).resolve("project.yml")).base();
        } catch (ConfigException broken) {
            return text.append("(no commits or diff: ").append(broken.getMessage()).append(")\n").toString();
        }
        if (!Files.isDirectory(clone)) {
            return text.append("(no commits or diff: nightshift has no clone of ").append(pr.project()).append(" yet)\n").toString();
        }
        Git git = new Git(new ProcessRunner(new RunningProcesses(), new ProcessDeadline(), SecretMasker.none()),
                ProcessEnvironment.ofSystem(Set.of()));
        String head = pr.headSha() != null ? pr.headSha() : "refs/heads/" + pr.branch();
        String against = "refs/remotes/origin/" + base;
        try {
            text.append("Commits on ").append(pr.branch()).append(" not in ").append(base).append(":\n\n")
                    .append(indent(git.out(clone, NO_LOG, "log", "--no-decorate", "--no-color", "--format=%h %s",
                            against + ".." + head)))
                    .append("\n\nDiff against ").append(base).append(":\n\n")
                    .append(git.printed(clone, NO_LOG, "diff", "--no-color", "--no-ext-diff", "--stat", "--patch",
                            against + "..." + head)).append('\n');
        } catch (GitException e) {
            text.append("(no commits or diff: ").append(e.getMessage()).append(")\n");
        }
        return text.toString();
    }

    private static String indent(String lines) {
        return lines.isBlank() ? "    (none)" : "    " + lines.strip().replace("\n", "\n    ");
    }
}
