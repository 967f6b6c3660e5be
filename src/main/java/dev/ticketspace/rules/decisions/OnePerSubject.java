package dev.ticketspace.rules.decisions;

/**
 * A kind of decision each subject gets at most one of. When rules make several for one subject, the
 * greatest by {@link #compareTo} stands (a documented priority, then a stated tie-break), and
 * {@code rules test} warns of the conflict.
 */
public interface OnePerSubject<T extends OnePerSubject<T>> extends Decision, Comparable<T> {
}
