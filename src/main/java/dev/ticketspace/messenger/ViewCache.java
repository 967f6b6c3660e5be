package dev.ticketspace.messenger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ticketspace.store.StateChange;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Each customer's last computed view, so that reads without a change in between cost one look-up of the
 * customer's version instead of the queries and the rules. A view is served only while its version is
 * still the customer's current one, whichever replica made a change. Entries are also dropped when their
 * customer (or workspace) changes, at once for changes made through this replica and within the change
 * feed's poll interval for changes made through another, and in any case after {@code ttl}. A view
 * computed while a change landed is not kept.
 */
final class ViewCache {
    /** Generations of invalidation, striped by hash: bounded memory; a collision only skips one fill. */
    private static final int STRIPES = 4096;

    private final Cache<Key, CustomerView> views;
    private final AtomicLongArray workspaceGenerations = new AtomicLongArray(STRIPES);
    private final AtomicLongArray customerGenerations = new AtomicLongArray(STRIPES);

    ViewCache(Duration ttl, long maximumSize) {
        this.views = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize).build();
    }

    private record Key(String workspaceId, String customerId) {
    }

    /**
     * The cached view if {@code currentVersion} says it is current and no time-based rule has decided
     * otherwise by {@code now}, else a newly computed one.
     */
    CustomerView get(String workspaceId, String customerId, LongSupplier currentVersion, Instant now,
                     Supplier<CustomerView> compute) {
        Key key = new Key(workspaceId, customerId);
        CustomerView cached = views.getIfPresent(key);
        if (cached != null && holds(cached, now) && cached.version() == currentVersion.getAsLong()) {
            return cached;
        }
        long mark = generation(key);
        CustomerView view = compute.get();
        keep(key, view, mark);
        return view;
    }

    /** The cached view if it is the one of {@code version} and no time-based rule decided otherwise by {@code now}. */
    CustomerView current(String workspaceId, String customerId, long version, Instant now) {
        CustomerView cached = views.getIfPresent(new Key(workspaceId, customerId));
        return cached != null && holds(cached, now) && cached.version() == version ? cached : null;
    }

    /** A mark to take before reading what a view is computed from, for {@link #keep}. */
    long mark(String workspaceId, String customerId) {
        return generation(new Key(workspaceId, customerId));
    }

    /** Keeps a view computed after {@code mark} was taken, unless a change landed since. */
    void keep(String workspaceId, String customerId, CustomerView view, long mark) {
        keep(new Key(workspaceId, customerId), view, mark);
    }

    private void keep(Key key, CustomerView view, long mark) {
        views.put(key, view);
        if (generation(key) != mark) {
            views.invalidate(key);
        }
    }

    private static boolean holds(CustomerView view, Instant now) {
        return view.nextChange() == null || now.isBefore(view.nextChange());
    }

    /** Forgets what the change makes stale; call after the change is committed. */
    void invalidate(StateChange change) {
        if (change.customerId().equals(StateChange.EVERY_CUSTOMER)) {
            workspaceGenerations.incrementAndGet(stripe(change.workspaceId()));
            views.asMap().keySet().removeIf(key -> key.workspaceId().equals(change.workspaceId()));
        } else {
            Key key = new Key(change.workspaceId(), change.customerId());
            customerGenerations.incrementAndGet(stripe(key));
            views.invalidate(key);
        }
    }

    private long generation(Key key) {
        return workspaceGenerations.get(stripe(key.workspaceId())) + customerGenerations.get(stripe(key));
    }

    private static int stripe(Object key) {
        return Math.floorMod(key.hashCode(), STRIPES);
    }
}
