package dev.ticketspace.integrations;

import dev.ticketspace.events.ConversationCreated;
import dev.ticketspace.events.TicketCreated;
import dev.ticketspace.events.TicketState;
import java.time.Instant;

/**
 * The events that make a vendor's ticket or conversation known to Ticketspace. Their ids come from the
 * vendor object alone, not from the delivery, so every delivery about the object can start with them:
 * the first one the adapter sees, in whatever order the vendor sent them, creates the object from its
 * own data, and the applier answers the later ones as duplicates. No delivery is lost for coming before
 * the one that announced its object.
 */
public final class HelpDeskEvents {
    private static final int MAX_TITLE = 255;

    private HelpDeskEvents() {
    }

    public static ConversationCreated conversation(VendorIds ids, String vendorId, String customerId, Instant at) {
        return new ConversationCreated(ids.of(vendorId, "conversation.created"), at, ids.of(vendorId), customerId);
    }

    /** A shared ticket linked to the conversation of the same vendor id. */
    public static TicketCreated ticket(VendorIds ids, String vendorId, String customerId, String title,
                                       TicketState state, Instant at) {
        return new TicketCreated(ids.of(vendorId, "ticket.created"), at, ids.of(vendorId), customerId, title, state,
                true, ids.of(vendorId));
    }

    /**
     * A title a ticket can have: stripped, without control characters or lone surrogates, cut to the
     * longest allowed (never inside a surrogate pair); the fallback when nothing is left.
     */
    public static String title(String text, String fallback) {
        if (text == null) {
            return fallback;
        }
        StringBuilder clean = new StringBuilder();
        text.codePoints().filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.SURROGATE)
                .forEach(clean::appendCodePoint);
        String title = clean.toString().strip();
        if (title.length() > MAX_TITLE) {
            int end = Character.isHighSurrogate(title.charAt(MAX_TITLE - 1)) ? MAX_TITLE - 1 : MAX_TITLE;
            title = title.substring(0, end).strip();
        }
        return title.isEmpty() ? fallback : title;
    }
}
