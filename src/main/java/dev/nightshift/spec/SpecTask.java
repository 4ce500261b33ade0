package dev.nightshift.spec;

/**
 * One task of a spec: an item of its {@code ## Tasks} list, or the whole spec when it has none.
 *
 * @param index 0-based position in the list
 * @param line  0-based line in the file; -1 for the whole-spec task
 */
public record SpecTask(int index, String text, boolean done, int line) {
}
