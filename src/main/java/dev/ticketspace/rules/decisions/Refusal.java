package dev.ticketspace.rules.decisions;

/** When an event is applied: the event is refused with this error code and message; nothing changes (R2). */
public record Refusal(String code, String message) implements Decision {
    @Override
    public String subject() {
        return code;
    }
}
