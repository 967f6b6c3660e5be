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
        if (cached != null && (cached.nextChange() == null || now.isBefore(cached.nextChange()))
                && cached.version() == currentVersion.getAsLong()) {
            return cached;
        }
        long generation = generation(key);
        CustomerView view = compute.get();
        views.put(key, view);
        if (generation(key) != generation) {
            views.invalidate(key);
        }
        return view;
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
