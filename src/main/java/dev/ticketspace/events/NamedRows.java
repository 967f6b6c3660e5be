package dev.ticketspace.events;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rows of one kind that a request's events name, whoever's, as committed when the request first looks one
 * up: read together in one statement, once. A row the request does not name is read alone.
 */
final class NamedRows<T> {
    private final Set<String> ids;
    private final Function<Collection<String>, List<T>> readAll;
    private final Function<String, Optional<T>> readOne;
    private final Function<T, String> idOf;
    private Map<String, T> rows;

    NamedRows(Set<String> ids, Function<Collection<String>, List<T>> readAll, Function<String, Optional<T>> readOne,
              Function<T, String> idOf) {
        this.ids = ids;
        this.readAll = readAll;
        this.readOne = readOne;
        this.idOf = idOf;
    }

    Optional<T> get(String id) {
        if (!ids.contains(id)) {
            return readOne.apply(id);
        }
        if (rows == null) {
            rows = readAll.apply(ids).stream().collect(Collectors.toMap(idOf, Function.identity()));
        }
        return Optional.ofNullable(rows.get(id));
    }
}
