package dev.ticketspace.messenger;

import dev.ticketspace.events.TicketState;
import dev.ticketspace.rules.Decisions;
import dev.ticketspace.rules.Explanation;
import dev.ticketspace.rules.decisions.BadgeHidden;
import dev.ticketspace.rules.decisions.HomeCard;
import dev.ticketspace.rules.decisions.Space;
import dev.ticketspace.rules.decisions.SpaceVisible;
import dev.ticketspace.store.BadgeCounts;
import dev.ticketspace.store.TicketDecided;
import dev.ticketspace.store.TicketRow;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What the customer scope decided for a customer, with the badge counts and the card's first candidates
 * that the subjects' stored decisions give, turned into what the messenger shows. Only applies
 * decisions: picks the one that stands where rules made several, sorts and caps.
 */
final class CustomerView {
    private final String workspaceId;
    private final String customerId;
    private final long version;
    private final Decisions decisions;
    private final BadgeCounts badges;
    private final List<TicketSummary> cardCandidates;
    private final List<Explanation> explanations;
    private final List<String> conflicts;
    private final Instant nextChange;
    /** The state without explanations, built on first use: a cached view serves it to many reads. */
    private volatile MessengerState plainState;

    /**
     * @param cardCandidates the card's candidates in order, at least as many as any card shows
     * @param explanations   every decision with its rule, or null when not explaining
     * @param nextChange     when a time-based rule would next decide otherwise, or null
     */
    CustomerView(String workspaceId, String customerId, long version, Decisions decisions, BadgeCounts badges,
                 List<TicketSummary> cardCandidates, List<Explanation> explanations, List<String> conflicts,
                 Instant nextChange) {
        this.workspaceId = workspaceId;
        this.customerId = customerId;
        this.version = version;
        this.decisions = decisions;
        this.badges = badges;
        this.cardCandidates = cardCandidates;
        this.explanations = explanations;
        this.conflicts = conflicts;
        this.nextChange = nextChange;
    }

    String customerId() {
        return customerId;
    }

    long version() {
        return version;
    }

    /** When a time-based rule would next decide otherwise, or null. */
    Instant nextChange() {
        return nextChange;
    }

    List<String> conflicts() {
        return conflicts;
    }

    boolean isVisible(Space space) {
        return decisions.any(SpaceVisible.class, v -> v.space() == space);
    }

    /** The most tickets the cards on Home show. */
    static int cardLimit(Decisions decisions) {
        return decisions.standing(HomeCard.class).stream().mapToInt(HomeCard::limit).max().orElse(0);
    }

    MessengerState state(boolean explain) {
        if (explain) {
            return build(true);
        }
        MessengerState state = plainState;
        if (state == null) {
            state = build(false);
            plainState = state;
        }
        return state;
    }

    private MessengerState build(boolean explain) {
        List<MessengerState.Space> spaces = Arrays.stream(Space.values())
                .map(space -> new MessengerState.Space(space.wire(), isVisible(space), badge(space)))
                .toList();
        List<MessengerState.Card> cards = decisions.standing(HomeCard.class).stream()
                .sorted(Comparator.comparingInt(HomeCard::priority).reversed()
                        .thenComparing(HomeCard::type))
                .map(card -> new MessengerState.Card(card.type().wire(), cardTickets(card)))
                .toList();
        return new MessengerState(workspaceId, customerId, version, spaces, new MessengerState.Home(cards),
                explain ? explanations : null);
    }

    /** The tickets a card lists: every card type there is lists its candidates. */
    private List<TicketSummary> cardTickets(HomeCard card) {
        return switch (card.type()) {
            case RECENT_TICKETS -> cardCandidates.subList(0, Math.min(Math.max(card.limit(), 0),
                    cardCandidates.size()));
        };
    }

    /** The badge the subjects lit, unless the customer's rules hide it. */
    private int badge(Space space) {
        return decisions.any(BadgeHidden.class, hidden -> hidden.space() == space) ? 0
                : badges.of(space.wire());
    }

    static TicketSummary summary(TicketRow ticket, TicketDecided decided) {
        return new TicketSummary(ticket.id(), ticket.title(), new TicketState(ticket.category(), ticket.label()),
                ticket.lastActivityAt(), decided.unread(), ticket.conversationId(), decided.action());
    }
}
