package dev.ticketspace.messenger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The customers whose streams wait for their state to be computed and sent, each at most once however many
 * changes arrive meanwhile: the state is read when the customer's turn comes, so the newest change wins,
 * and the backlog never holds more entries than there are customers with streams. A customer's own change
 * or new stream goes before the customers of a workspace-wide change (settings, a rules publication), which
 * are worked through a batch at a time and so never hold up the rest.
 */
final class Refreshes {
    private final LinkedHashSet<LiveCustomer> soon = new LinkedHashSet<>();
    private final LinkedHashSet<LiveCustomer> later = new LinkedHashSet<>();

    synchronized void soon(LiveCustomer customer) {
        later.remove(customer);
        soon.add(customer);
        notifyAll();
    }

    synchronized void later(Collection<LiveCustomer> customers) {
        customers.stream().filter(customer -> !soon.contains(customer)).forEach(later::add);
        notifyAll();
    }

    /** How many customers wait. */
    synchronized int waiting() {
        return soon.size() + later.size();
    }

    /** Waits for customers, then takes up to {@code max} of one workspace, those waiting soonest first. */
    synchronized List<LiveCustomer> take(int max) throws InterruptedException {
        while (soon.isEmpty() && later.isEmpty()) {
            wait();
        }
        Iterator<LiveCustomer> waiting = (soon.isEmpty() ? later : soon).iterator();
        List<LiveCustomer> batch = new ArrayList<>();
        while (waiting.hasNext() && batch.size() < max) {
            LiveCustomer customer = waiting.next();
            if (!batch.isEmpty() && !customer.workspaceId().equals(batch.get(0).workspaceId())) {
                break;
            }
            batch.add(customer);
            waiting.remove();
        }
        return batch;
    }
}
