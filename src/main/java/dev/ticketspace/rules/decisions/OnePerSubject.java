package dev.ticketspace.rules.decisions;

/**
 * A kind of decision each subject gets at most one of. When rules make several for one subject, the
 * greatest by {@link #compareTo} stands (a documented priority, then a stated tie-break). Where the
 * tie-break had to decide between decisions of the same priority, {@code rules test} warns.
 */
public interface OnePerSubject<T extends OnePerSubject<T>> extends Decision, Comparable<T> {
    /** Higher stands; kinds without a priority have 0. */
    default int priority() {
        return 0;
    }
}
