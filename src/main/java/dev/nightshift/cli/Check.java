package dev.nightshift.cli;

/** One check of the setup, for {@code doctor} and {@code status}: {@code fix} says what to do when it failed. */
record Check(Verdict verdict, String subject, String message, String fix) {

    /** What a check found. */
    enum Verdict {
        /** What it looked at is ready. */
        OK,
        /** It is not: {@code fix} says what to do. */
        FAIL,
        /** It could not be judged, because what it depends on failed its own check. */
        SKIPPED,
        /** It works, but something the owner may count on does not: {@code fix} says what to weigh. */
        WARN
    }

    static Check ok(String subject, String message) {
        return new Check(Verdict.OK, subject, message, null);
    }

    static Check fail(String subject, String message, String fix) {
        return new Check(Verdict.FAIL, subject, message, fix);
    }

    static Check warn(String subject, String message, String fix) {
        return new Check(Verdict.WARN, subject, message, fix);
    }

    static Check skipped(String subject, String message) {
        return new Check(Verdict.SKIPPED, subject, message, null);
    }

    /** Nothing to do about it (a skipped check waits for the check that failed). */
    boolean ok() {
        return verdict != Verdict.FAIL;
    }

    String line() {
        return switch (verdict) {
            case OK -> "OK    " + said();
            case FAIL -> "FAIL  " + said() + " -> " + fix;
            case SKIPPED -> "SKIP  " + said();
            case WARN -> "WARN  " + said() + " -> " + fix;
        };
    }

    /** "subject: message", or the message alone when it already starts with its file ("nightshift.yml:5: ..."). */
    String said() {
        return message.startsWith(subject + ":") ? message : subject + ": " + message;
    }
}
