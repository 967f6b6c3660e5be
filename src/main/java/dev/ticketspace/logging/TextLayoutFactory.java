package dev.ticketspace.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import io.dropwizard.logging.common.layout.DropwizardLayoutFactory;
import java.util.TimeZone;

/**
 * {@code layout: {type: text}}: Dropwizard's usual text layout, which has no name of its own, so that
 * config.yml picks it or {@code json} with one variable ({@code TICKETSPACE_LOG_FORMAT}).
 */
@JsonTypeName("text")
public final class TextLayoutFactory implements DiscoverableLayoutFactory<ILoggingEvent> {
    @Override
    public LayoutBase<ILoggingEvent> build(LoggerContext context, TimeZone timeZone) {
        return new DropwizardLayoutFactory().build(context, timeZone);
    }
}
