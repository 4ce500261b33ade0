package dev.nightshift.build;

import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.pr.HostProject;
import dev.nightshift.pr.PullRequestHost;
import dev.nightshift.pr.ReviewAnswer;
import dev.nightshift.pr.ReviewPoint;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.Records.PullRequest;
import dev.nightshift.store.ReviewRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * nightshift's answer to the owner's review, once the work that addressed it passed the gate and
 * was pushed with the summary as the batch's one comment: each point the agent answered is marked
 * addressed, each other one counts an attempt, and the host answers in its way (on GitHub a reply
 * in each answered line comment's thread). The agent's answers are its words for the owner:
 * masked for secrets, posted as text.
 */
@Component
class ReviewAnswering {

    private static final Logger log = LoggerFactory.getLogger(ReviewAnswering.class);

    private final ReviewRepository reviews;
    private final NightshiftSettings settings;
    private final SecretMasker masker;

    ReviewAnswering(ReviewRepository reviews, NightshiftSettings settings, SecretMasker masker) {
        this.reviews = reviews;
        this.settings = settings;
        this.masker = masker;
    }

    /**
     * The points paired with the agent's answers.
     *
     * @param points  the points the agent was given, in the prompt's order (point 1 first)
     * @param answers the agent's answers by point number
     */
    public List<ReviewAnswer> pair(List<ReviewPoint> points, Map<Integer, String> answers) {
        List<ReviewAnswer> paired = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            String said = answers.get(i + 1);
            paired.add(new ReviewAnswer(points.get(i), said == null ? null : inert(masker.mask(said.strip()))));
        }
        return List.copyOf(paired);
    }

    /**
     * The answer with no HTML comment of its own: on the host's page an opened {@code <!--} would
     * run to the next {@code -->} (nightshift's mark) and hide from the owner every point after it,
     * those left open included; a {@code -->} would end a comment early.
     */
    static String inert(String answer) {
        return answer.replace("<!--", "&lt;!--").replace("-->", "--&gt;");
    }

    /**
     * Records what came of each point and lets the host answer, after the summary was posted.
     *
     * @return whether no point is left that a later batch would give to the agent again
     */
    boolean record(String batchId, PullRequestHost host, HostProject project, PullRequest pr,
                   List<ReviewAnswer> recorded) {
        for (ReviewAnswer answer : recorded) {
            ReviewPoint point = answer.point();
            if (answer.addressed()) {
                reviews.answered(pr.id(), point.kind().name(), point.id(), answer.answer(), batchId);
            } else {
                reviews.attempted(pr.id(), point.kind().name(), point.id());
            }
        }
        boolean finished = reviews.open(pr.id()).stream().allMatch(r -> r.attempts() >= settings.build().maxAttempts());
        host.answerReview(project, pr, recorded);
        log.info("{} PR #{}: {} of {} review point(s) answered", pr.project(), pr.number(),
                recorded.stream().filter(ReviewAnswer::addressed).count(), recorded.size());
        return finished;
    }

    /** The points of the pull request's review read so far, as {@code KIND:id}. */
    List<String> read(PullRequest pr) {
        return List.copyOf(new java.util.TreeSet<>(reviews.readKeys(pr.id())));
    }

    /** One comment: each point, where it was, and what the agent did, or that it stays open. */
    static String summary(String batchId, List<ReviewAnswer> answers) {
        StringBuilder text = new StringBuilder("nightshift batch ").append(batchId).append(" answered the review:\n");
        for (int i = 0; i < answers.size(); i++) {
            ReviewAnswer answer = answers.get(i);
            ReviewPoint point = answer.point();
            text.append('\n').append(i + 1).append(". ").append(point.path() != null ? "`" + point.where() + "`" : point.where())
                    .append(point.url() != null ? " (" + point.url() + ")" : "").append(": ").append(firstLine(point.text()))
                    .append("\n   ");
            text.append(answer.addressed() ? "Done: " + answer.answer().replace("\n", "\n   ")
                    : "Not addressed in this batch; it stays open for the next one.").append('\n');
        }
        return text.toString();
    }

    private static String firstLine(String text) {
        String first = text.strip().lines().findFirst().orElse("");
        return first.length() > 100 ? first.substring(0, 100) + "…" : first;
    }
}
