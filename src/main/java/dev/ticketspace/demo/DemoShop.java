package dev.ticketspace.demo;

import dev.ticketspace.api.ApiException;
import dev.ticketspace.auth.CustomerTokens;
import dev.ticketspace.events.ConversationCreated;
import dev.ticketspace.events.ConversationRead;
import dev.ticketspace.events.ConversationStateChanged;
import dev.ticketspace.events.Event;
import dev.ticketspace.events.EventApplier;
import dev.ticketspace.events.EventResult;
import dev.ticketspace.events.MessageAdded;
import dev.ticketspace.events.TicketCreated;
import dev.ticketspace.events.TicketState;
import dev.ticketspace.events.TicketStateChanged;
import dev.ticketspace.submissions.TicketField;
import dev.ticketspace.submissions.TicketType;
import dev.ticketspace.submissions.TicketTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the demo page does as the help desk: its customers' first tickets, a ticket type for the widget's
 * "Submit a ticket" while the workspace has none of its own, and the back-office events its panel posts.
 * Seed events have fixed ids, so seeding again applies nothing.
 */
public final class DemoShop {
    /** {@code demo-ada} starts with three tickets; {@code demo-grace} with nothing, so no Tickets space yet. */
    public static final List<String> CUSTOMERS = List.of("demo-ada", "demo-grace");
    public static final List<String> KINDS = List.of("reply", "status", "ticket");
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final List<TicketState> PROGRESS = List.of(
            new TicketState("in_progress", "Being looked at"),
            new TicketState("waiting_on_customer", "Waiting on you"));
    private static final List<String> NEW_TICKET_TITLES = List.of(
            "Exchange for a larger size", "Invoice for order 2210", "Missing item in my parcel", "Gift card not working");
    private static final String TICKET_TYPE_ID = "order-problem";
    private static final TicketType TICKET_TYPE = new TicketType(null, "A problem with an order", List.of(
            new TicketField("order", "Order number", "text", null, true),
            new TicketField("problem", "What went wrong", "select",
                    List.of("Damaged", "Missing item", "Wrong item", "Late delivery"), true),
            new TicketField("items", "Items affected", "number", null, false),
            new TicketField("details", "Details", "textarea", null, false)));

    private final String workspaceId;
    private final EventApplier applier;
    private final TicketTypes types;
    private final CustomerTokens tokens;
    private final Duration tokenLifetime;
    private final Clock clock;
    private final AtomicInteger steps = new AtomicInteger();

    public DemoShop(String workspaceId, EventApplier applier, TicketTypes types, CustomerTokens tokens,
                    Duration maxTokenLifetime, Clock clock) {
        this.workspaceId = workspaceId;
        this.applier = applier;
        this.types = types;
        this.tokens = tokens;
        this.tokenLifetime = TOKEN_LIFETIME.compareTo(maxTokenLifetime) < 0 ? TOKEN_LIFETIME : maxTokenLifetime;
        this.clock = clock;
    }

    public record Token(String token, Instant expiresAt) {
    }

    /** A token for the demo customer; the first call creates the customer's first tickets (and the ticket type). */
    public Token token(String customer) {
        requireCustomer(customer);
        seed(customer);
        if (types.all(workspaceId).isEmpty()) {
            types.put(workspaceId, TICKET_TYPE_ID, TICKET_TYPE);
        }
        Instant expiresAt = clock.instant().plus(tokenLifetime);
        return new Token(tokens.mint(workspaceId, customer, tokenLifetime), expiresAt);
    }

    /**
     * One back-office move for the customer: {@code reply} (a teammate writes in the first ticket's
     * conversation), {@code status} (the first ticket changes state) or {@code ticket} (a new ticket).
     */
    public List<EventResult> act(String customer, String kind) {
        requireCustomer(customer);
        seed(customer);
        Instant now = clock.instant();
        List<Event> events = switch (kind) {
            case "reply" -> List.of(new MessageAdded(newId(), now, customer + "-conv-1", newId(), "teammate"));
            case "status" -> List.of(new TicketStateChanged(newId(), now, customer + "-t1",
                    PROGRESS.get(steps.incrementAndGet() % PROGRESS.size())));
            case "ticket" -> {
                String conversation = customer + "-conv-" + UUID.randomUUID().toString().substring(0, 8);
                String title = NEW_TICKET_TITLES.get(Math.floorMod(conversation.hashCode(), NEW_TICKET_TITLES.size()));
                yield List.of(new ConversationCreated(newId(), now, conversation, customer),
                        new TicketCreated(newId(), now, conversation.replace("-conv-", "-t-"), customer, title,
                                new TicketState("submitted", "Submitted"), true, conversation));
            }
            default -> throw ApiException.badRequest("unknown_demo_event", "kind must be one of " + KINDS);
        };
        return applier.applyAll(workspaceId, events);
    }

    /**
     * Ada's three tickets (one resolved and read) and Grace's first conversation, a little in the past.
     * Grace has no ticket until the panel creates one; a reply to her goes to that conversation.
     */
    private void seed(String customer) {
        Instant start = clock.instant().minus(Duration.ofMinutes(30));
        String prefix = "demo:" + customer + ":seed:";
        List<Event> events = customer.equals("demo-ada")
                ? List.of(
                        new ConversationCreated(prefix + 1, start, customer + "-conv-1", customer),
                        new TicketCreated(prefix + 2, start, customer + "-t1", customer, "Refund for order 1042",
                                new TicketState("submitted", "Submitted"), true, customer + "-conv-1"),
                        new MessageAdded(prefix + 3, start.plusSeconds(60), customer + "-conv-1", "m1", "customer"),
                        new MessageAdded(prefix + 4, start.plusSeconds(600), customer + "-conv-1", "m2", "teammate"),
                        new TicketStateChanged(prefix + 5, start.plusSeconds(600), customer + "-t1", PROGRESS.get(0)),
                        new ConversationCreated(prefix + 6, start.plusSeconds(900), customer + "-conv-2", customer),
                        new TicketCreated(prefix + 7, start.plusSeconds(900), customer + "-t2", customer,
                                "Change my delivery address", new TicketState("submitted", "Submitted"), true,
                                customer + "-conv-2"),
                        new ConversationCreated(prefix + 8, start.minus(Duration.ofDays(3)), customer + "-conv-3", customer),
                        new TicketCreated(prefix + 9, start.minus(Duration.ofDays(3)), customer + "-t3", customer,
                                "Damaged parcel", new TicketState("resolved", "Resolved"), true, customer + "-conv-3"),
                        new MessageAdded(prefix + 10, start.minus(Duration.ofDays(2)), customer + "-conv-3", "m1", "teammate"),
                        new ConversationStateChanged(prefix + 11, start.minus(Duration.ofDays(2)), customer + "-conv-3",
                                "closed"),
                        new ConversationRead(prefix + 12, start.minus(Duration.ofDays(1)), customer + "-conv-3"))
                : List.of(new ConversationCreated(prefix + 1, start, customer + "-conv-1", customer));
        applier.applyAll(workspaceId, events);
    }

    private static void requireCustomer(String customer) {
        if (!CUSTOMERS.contains(customer)) {
            throw ApiException.badRequest("unknown_demo_customer", "customer must be one of " + CUSTOMERS);
        }
    }

    private static String newId() {
        return "demo:" + UUID.randomUUID();
    }
}
