package dev.nightshift.pr;

/**
 * Response bodies shaped as GitHub's REST API documents them ("Pulls" and "Issue comments"),
 * trimmed to the fields that matter plus a few neighbours, for WireMock stubs.
 */
public final class GitHubShapes {

    private GitHubShapes() {
    }

    /** A pull request object, as in "List pull requests" and "Create a pull request". */
    public static String pull(String repository, int number, String branch, String state, boolean merged) {
        String owner = repository.substring(0, repository.indexOf('/'));
        return """
                {"url":"https://api.github.com/repos/%1$s/pulls/%2$d","id":%3$d,"node_id":"PR_kwDOAbc%2$d",
                 "html_url":"https://github.com/%1$s/pull/%2$d","number":%2$d,"state":"%4$s","locked":false,
                 "title":"Spec work","user":{"login":"%5$s","id":1,"type":"User"},"body":"Opened by nightshift",
                 "created_at":"2026-11-20T10:00:00Z","updated_at":"2026-11-20T10:00:00Z",
                 "closed_at":%6$s,"merged_at":%7$s,"merge_commit_sha":null,"draft":false,
                 "head":{"label":"%5$s:%8$s","ref":"%8$s","sha":"6dcb09b5b57875f334f61aebed695e2e4193db5e"},
                 "base":{"label":"%5$s:main","ref":"main","sha":"6dcb09b5b57875f334f61aebed695e2e4193db5f"},
                 "author_association":"OWNER","merged":%9$s}
                """.formatted(repository, number, 1000 + number, state, owner,
                "closed".equals(state) ? "\"2026-11-20T12:00:00Z\"" : "null",
                merged ? "\"2026-11-20T12:00:00Z\"" : "null", branch, merged).replace("\n", "");
    }

    public static String list(String... pulls) {
        return "[" + String.join(",", pulls) + "]";
    }

    /** An issue comment object, as in "Create an issue comment". */
    public static String comment(String repository, int issue, long id, String body) {
        return """
                {"id":%3$d,"node_id":"IC_kwDO%3$d","url":"https://api.github.com/repos/%1$s/issues/comments/%3$d",
                 "html_url":"https://github.com/%1$s/pull/%2$d#issuecomment-%3$d","body":%4$s,
                 "user":{"login":"nightshift-bot","id":2,"type":"User"},
                 "created_at":"2026-11-20T10:05:00Z","updated_at":"2026-11-20T10:05:00Z",
                 "issue_url":"https://api.github.com/repos/%1$s/issues/%2$d","author_association":"OWNER"}
                """.formatted(repository, issue, id, GitHubApi.JSON.writeValueAsString(body)).replace("\n", "");
    }

    /** An issue comment by someone, as in "List issue comments". */
    public static String issueComment(String repository, int issue, long id, String login, String association,
                                      String body) {
        return comment(repository, issue, id, body).replace("\"login\":\"nightshift-bot\"", "\"login\":\"" + login + "\"")
                .replace("\"author_association\":\"OWNER\"", "\"author_association\":\"" + association + "\"");
    }

    /** A review, as in "List reviews for a pull request". */
    public static String review(String repository, int pull, long id, String login, String association, String state,
                                String body) {
        return """
                {"id":%3$d,"node_id":"PRR_kwDO%3$d","user":{"login":"%4$s","id":3,"type":"User"},"body":%7$s,
                 "state":"%6$s","html_url":"https://github.com/%1$s/pull/%2$d#pullrequestreview-%3$d",
                 "pull_request_url":"https://api.github.com/repos/%1$s/pulls/%2$d",
                 "_links":{"html":{"href":"https://github.com/%1$s/pull/%2$d#pullrequestreview-%3$d"},
                 "pull_request":{"href":"https://api.github.com/repos/%1$s/pulls/%2$d"}},
                 "submitted_at":"2026-11-21T08:%8$02d:00Z","commit_id":"ecdd80bb57125d7ba9641ffaa4d7d2c19d3f3091",
                 "author_association":"%5$s"}
                """.formatted(repository, pull, id, login, association, state, GitHubApi.JSON.writeValueAsString(body),
                id % 60).replace("\n", "");
    }

    /** A review comment on a line, as in "List review comments on a pull request". */
    public static String reviewComment(String repository, int pull, long id, long reviewId, String login,
                                       String association, String path, int line, String body) {
        return """
                {"url":"https://api.github.com/repos/%1$s/pulls/comments/%3$d","pull_request_review_id":%4$d,
                 "id":%3$d,"node_id":"PRRC_kwDO%3$d",
                 "diff_hunk":"@@ -1,3 +1,4 @@\\n def total(items):\\n-    return 0\\n+    return sum(items)",
                 "path":"%7$s","position":%8$d,"original_position":%8$d,
                 "commit_id":"6dcb09b5b57875f334f61aebed695e2e4193db5e","original_commit_id":"9c48853fa3dc5c1c3d6f1f1cd1f2743e72652840",
                 "user":{"login":"%5$s","id":3,"type":"User"},"body":%9$s,
                 "created_at":"2026-11-21T08:00:00Z","updated_at":"2026-11-21T08:00:00Z",
                 "html_url":"https://github.com/%1$s/pull/%2$d#discussion_r%3$d",
                 "pull_request_url":"https://api.github.com/repos/%1$s/pulls/%2$d","author_association":"%6$s",
                 "_links":{"self":{"href":"https://api.github.com/repos/%1$s/pulls/comments/%3$d"}},
                 "start_line":null,"original_start_line":null,"start_side":null,
                 "line":%8$d,"original_line":%8$d,"side":"RIGHT","subject_type":"line"}
                """.formatted(repository, pull, id, reviewId, login, association, path, line,
                GitHubApi.JSON.writeValueAsString(body)).replace("\n", "");
    }

    /** GitHub's error body, e.g. for 422 "Validation Failed" or a secondary rate limit. */
    public static String error(String message) {
        return "{\"message\":" + GitHubApi.JSON.writeValueAsString(message)
                + ",\"documentation_url\":\"https://docs.github.com/rest\"}";
    }
}
