package dev.ticketspace.rules;

import dev.ticketspace.rules.decisions.Badge;
import dev.ticketspace.rules.decisions.BadgeHidden;
import dev.ticketspace.rules.decisions.CardCandidate;
import dev.ticketspace.rules.decisions.ConversationTicket;
import dev.ticketspace.rules.decisions.ConversationUnread;
import dev.ticketspace.rules.decisions.HomeCard;
import dev.ticketspace.rules.decisions.KeptOffCard;
import dev.ticketspace.rules.decisions.KeptOffList;
import dev.ticketspace.rules.decisions.ListedTicket;
import dev.ticketspace.rules.decisions.SpaceEnabled;
import dev.ticketspace.rules.decisions.SpaceVisible;
import dev.ticketspace.rules.decisions.TicketAction;
import dev.ticketspace.rules.decisions.TicketUnread;
import dev.ticketspace.rules.facts.Conversation;
import dev.ticketspace.rules.facts.Counts;
import dev.ticketspace.rules.facts.Settings;
import dev.ticketspace.rules.facts.Ticket;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where read-time rules are evaluated. The <em>subject</em> scope decides about one conversation with
 * its linked tickets, or one ticket without a conversation, over Now, Customer and those rows; its
 * decisions are stored with the rows and made again only when they change. The <em>customer</em> scope
 * decides at each read over Settings, Customer, Now and the {@link Counts} kept over the subjects. Now and
 * Customer belong to both; a rule that matches facts or decisions of both scopes would never fire.
 */
public enum Scope {
    SUBJECT(Set.of(Ticket.class, Conversation.class, ListedTicket.class, KeptOffList.class, CardCandidate.class,
            KeptOffCard.class, TicketAction.class, TicketUnread.class, ConversationUnread.class,
            ConversationTicket.class, Badge.class)),
    CUSTOMER(Set.of(Settings.class, Counts.class, SpaceEnabled.class, SpaceVisible.class, HomeCard.class,
            BadgeHidden.class));

    private final Set<Class<?>> types;

    Scope(Set<Class<?>> types) {
        this.types = types;
    }

    /** The simple names of the scope's fact and decision types, as rules name them. */
    Set<String> typeNames() {
        return types.stream().map(Class::getSimpleName).collect(Collectors.toSet());
    }

    /** Whether a decision of this type is made in this scope. */
    public boolean decides(Class<?> type) {
        return types.contains(type);
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
