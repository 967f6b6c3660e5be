package dev.ticketspace.events;

import java.util.List;

/** The response of {@code POST /events}: one result per event, in request order. */
public record EventResults(List<EventResult> results) {
}
