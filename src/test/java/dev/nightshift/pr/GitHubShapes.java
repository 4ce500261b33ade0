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

    /** GitHub's error body, e.g. for 422 "Validation Failed" or a secondary rate limit. */
    public static String error(String message) {
        return "{\"message\":" + GitHubApi.JSON.writeValueAsString(message)
                + ",\"documentation_url\":\"https://docs.github.com/rest\"}";
    }
}
