package dev.ticketspace.logging;

import ch.qos.logback.access.jetty.RequestLogImpl;
import ch.qos.logback.core.status.Status;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * logback-access prints its status messages (its version check, INFO lines included) on stdout as it
 * starts, in a format of its own, among the log's lines, which in JSON must all be JSON. This keeps it
 * quiet and passes its warnings and errors, if any, to the application log instead.
 */
public final class RequestLogStatus implements LifeCycle.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(RequestLogStatus.class);

    @Override
    public void lifeCycleStarting(LifeCycle event) {
        if (event instanceof Server server && server.getRequestLog() instanceof RequestLogImpl requestLog) {
            requestLog.setQuiet(true);
        }
    }

    @Override
    public void lifeCycleStarted(LifeCycle event) {
        if (event instanceof Server server && server.getRequestLog() instanceof RequestLogImpl requestLog) {
            for (Status status : requestLog.getStatusManager().getCopyOfStatusList()) {
                if (status.getEffectiveLevel() >= Status.WARN) {
                    LOG.warn("request log: {}", status.getMessage(), status.getThrowable());
                }
            }
        }
    }
}
