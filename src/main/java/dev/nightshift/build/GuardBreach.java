package dev.nightshift.build;

import java.util.List;

/**
 * One guard's objection to the agent's change.
 *
 * @param guard what was broken, in a few words ("outside paths", "protected path", ...)
 * @param files the files concerned
 * @param why   a sentence for the owner; never a secret's value
 */
record GuardBreach(String guard, List<String> files, String why) {
}
