package dev.ticketspace.store;

/** A conversation as stored, with what the rules decided about it at read time. */
public record DecidedConversation(ConversationRow conversation, ConversationDecided decided) {
}
