package dev.ticketspace.events.handlers;

import dev.ticketspace.events.Event;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The handler of each event type, registered once here. */
public final class EventHandlers {
    private static final Map<Class<?>, EventHandler<?>> BY_TYPE = List.<EventHandler<?>>of(
                    new TicketCreatedHandler(),
                    new TicketStateChangedHandler(),
                    new TicketLinkedHandler(),
                    new TicketSharingChangedHandler(),
                    new TicketReadHandler(),
                    new ConversationCreatedHandler(),
                    new MessageAddedHandler(),
                    new ConversationStateChangedHandler(),
                    new ConversationReadHandler())
            .stream().collect(Collectors.toUnmodifiableMap(EventHandler::type, Function.identity()));

    static {
        for (Class<?> type : Event.class.getPermittedSubclasses()) {
            if (!BY_TYPE.containsKey(type)) {
                throw new IllegalStateException("no handler registered for " + type.getSimpleName());
            }
        }
    }

    private EventHandlers() {
    }

    /** The handler of the event's type; every type of the sealed {@link Event} has one. */
    @SuppressWarnings("unchecked") // registered by its own type() above
    public static <E extends Event> EventHandler<E> of(E event) {
        return (EventHandler<E>) BY_TYPE.get(event.getClass());
    }
}
