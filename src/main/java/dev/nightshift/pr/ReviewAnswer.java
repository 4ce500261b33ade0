package dev.nightshift.pr;

/** A review point and what the agent said it did about it; {@code answer} is null when it did not address it. */
public record ReviewAnswer(ReviewPoint point, String answer) {

    public boolean addressed() {
        return answer != null && !answer.isBlank();
    }
}
