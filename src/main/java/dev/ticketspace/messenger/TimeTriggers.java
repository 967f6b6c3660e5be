package dev.ticketspace.messenger;

import dev.ticketspace.store.CustomerDao;
import dev.ticketspace.store.DueCustomer;
import dev.ticketspace.store.StateChange;
import dev.ticketspace.store.StateChangeDao;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves on the version of customers whose state a time-based rule decides otherwise now that its moment
 * has come ("resolved tickets leave the list after 30 days"), so that clients and open streams learn of
 * it without any event. Each computed state notes its next such moment with the customer; every replica
 * looks for customers that are due, and one of them wins each, like an event's change would.
 */
public final class TimeTriggers implements Managed {
    /** Customers moved on per look: the next look takes the rest. */
    static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(TimeTriggers.class);

    private final Jdbi jdbi;
    private final Duration interval;
    private final Clock clock;
    private final Consumer<StateChange> committed;
    private final ScheduledExecutorService looker = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "time-triggers"));
    private boolean failing;

    /** @param committed told of each customer moved on, once committed, like the changes events make */
    public TimeTriggers(Jdbi jdbi, Duration interval, Clock clock, Consumer<StateChange> committed) {
        this.jdbi = jdbi;
        this.interval = interval;
        this.clock = clock;
        this.committed = committed;
    }

    @Override
    public void start() {
        looker.scheduleWithFixedDelay(this::lookSafely, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        looker.shutdownNow();
        looker.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void lookSafely() {
        try {
            look();
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("cannot look for customers whose state changes with time, retrying: {}",
                        ExceptionUtils.getRootCauseMessage(e));
            }
        }
    }

    /** Moves on every customer due now; returns how many this replica moved on. */
    int look() {
        List<DueCustomer> due = jdbi.withExtension(CustomerDao.class, customers -> customers.due(clock.instant(), BATCH));
        int moved = 0;
        for (DueCustomer customer : due) {
            boolean won = jdbi.inTransaction(handle -> {
                CustomerDao customers = handle.attach(CustomerDao.class);
                if (customers.passTime(customer.workspaceId(), customer.customerId(), customer.recheckAt()) == 0) {
                    return false;
                }
                long version = customers.version(customer.workspaceId(), customer.customerId()).orElseThrow();
                handle.attach(StateChangeDao.class).record(customer.workspaceId(), customer.customerId(), version,
                        clock.instant());
                return true;
            });
            if (won) {
                moved++;
                committed.accept(StateChange.committed(customer.workspaceId(), customer.customerId()));
            }
        }
        return moved;
    }
}
