package dev.ticketspace.submissions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketspace.api.ApiException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** A workspace's ticket types, kept as JSON (validated on the way in). */
public final class TicketTypes {
    public static final int MAX_TYPES = 50;

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final Clock clock;

    public TicketTypes(Jdbi jdbi, ObjectMapper json, Clock clock) {
        this.jdbi = jdbi;
        this.json = json;
        this.clock = clock;
    }

    /** Creates or replaces the type; true when it is new. */
    public boolean put(String workspaceId, String typeId, TicketType type) {
        check(type);
        String definition = write(new TicketType(null, type.name(), type.fields()));
        return jdbi.inTransaction(handle -> {
            TicketTypeDao dao = handle.attach(TicketTypeDao.class);
            List<String> ids = dao.idsForUpdate(workspaceId);
            if (ids.contains(typeId)) {
                dao.update(workspaceId, typeId, definition, clock.instant());
                return false;
            }
            if (ids.size() >= MAX_TYPES) {
                throw new ApiException(409, "too_many_ticket_types", "a workspace has at most " + MAX_TYPES + " ticket types");
            }
            dao.insert(workspaceId, typeId, definition, clock.instant());
            return true;
        });
    }

    public Optional<TicketType> find(String workspaceId, String typeId) {
        return jdbi.withHandle(handle -> handle.attach(TicketTypeDao.class).definition(workspaceId, typeId))
                .map(definition -> read(definition).withId(typeId));
    }

    public TicketType get(String workspaceId, String typeId) {
        return find(workspaceId, typeId).orElseThrow(() -> unknown(typeId));
    }

    public void delete(String workspaceId, String typeId) {
        if (jdbi.withHandle(handle -> handle.attach(TicketTypeDao.class).delete(workspaceId, typeId)) == 0) {
            throw unknown(typeId);
        }
    }

    /** The workspace's types, by id. */
    public List<TicketType> all(String workspaceId) {
        return jdbi.withHandle(handle -> handle.attach(TicketTypeDao.class).all(workspaceId)).stream()
                .map(row -> read(row.definition()).withId(row.id())).toList();
    }

    private static void check(TicketType type) {
        Set<String> ids = new HashSet<>();
        for (TicketField field : type.fields()) {
            if (!ids.add(field.id())) {
                throw invalid(field, "field ids must be distinct");
            }
            boolean select = field.type().equals("select");
            if (select && field.options() == null) {
                throw invalid(field, "a select field needs options");
            }
            if (!select && field.options() != null) {
                throw invalid(field, "only select fields have options");
            }
            if (select && Set.copyOf(field.options()).size() != field.options().size()) {
                throw invalid(field, "options must be distinct");
            }
        }
    }

    private static ApiException invalid(TicketField field, String message) {
        return ApiException.badRequest("invalid_ticket_type", "field " + field.id() + ": " + message);
    }

    private static ApiException unknown(String typeId) {
        return ApiException.notFound("unknown_ticket_type", "no ticket type " + typeId);
    }

    private String write(TicketType type) {
        try {
            return json.writeValueAsString(type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a ticket type always serialises", e);
        }
    }

    private TicketType read(String definition) {
        try {
            return json.readValue(definition, TicketType.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored ticket type does not read back", e);
        }
    }
}
