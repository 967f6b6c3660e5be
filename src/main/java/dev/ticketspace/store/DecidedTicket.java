package dev.ticketspace.store;

/** A ticket as stored, with what the rules decided about it at read time. */
public record DecidedTicket(TicketRow ticket, TicketDecided decided) {
}
