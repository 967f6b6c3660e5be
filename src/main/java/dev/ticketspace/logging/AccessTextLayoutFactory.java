package dev.ticketspace.logging;

import ch.qos.logback.access.common.spi.IAccessEvent;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.pattern.PatternLayoutBase;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import io.dropwizard.request.logging.layout.LogbackAccessRequestLayoutFactory;
import java.util.TimeZone;

/**
 * {@code layout: {type: access-text}}: the request log as text, in the common log format but with the path
 * alone ({@code %U}) where Dropwizard's default has the request line ({@code %r}, the query string
 * included): a stream ticket travels in a query string, and nothing that opens anything may reach a log.
 * The counterpart of {@code access-json}, whose {@code uri} is the path alone too.
 */
@JsonTypeName("access-text")
public final class AccessTextLayoutFactory implements DiscoverableLayoutFactory<IAccessEvent> {
    private static final String FORMAT = "%h %l %u [%t{dd/MMM/yyyy:HH:mm:ss Z,UTC}] \"%m %U %H\" %s %b "
            + "\"%i{Referer}\" \"%i{User-Agent}\" %elapsedTime";

    @Override
    public LayoutBase<IAccessEvent> build(LoggerContext context, TimeZone timeZone) {
        PatternLayoutBase<IAccessEvent> layout = new LogbackAccessRequestLayoutFactory().build(context, timeZone);
        layout.setPattern(FORMAT);
        return layout;
    }
}
