package dev.ticketspace.settings;

import dev.ticketspace.api.ApiException;
import dev.ticketspace.rules.RuleBase;
import dev.ticketspace.rules.Scope;
import dev.ticketspace.rules.decisions.Space;
import dev.ticketspace.rules.decisions.SpaceEnabled;
import dev.ticketspace.rules.facts.Settings;
import dev.ticketspace.store.SettingsDao;
import dev.ticketspace.store.SettingsRow;
import dev.ticketspace.store.StateChange;
import dev.ticketspace.store.StateChangeDao;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/** Reads and changes a workspace's Messenger Home apps. */
public final class SettingsService {
    /** New workspaces have the Tickets space enabled (S1). */
    public static final List<String> DEFAULT_HOME_APPS = List.of("tickets");
    public static final int MAX_HOME_APPS = 32;

    private final Jdbi jdbi;
    private final RuleBase rules;
    private final int recentTicketsLimit;
    private final Clock clock;
    private final Consumer<StateChange> committed;

    /** @param committed told of each settings change once it is committed */
    public SettingsService(Jdbi jdbi, RuleBase rules, int recentTicketsLimit, Clock clock,
                           Consumer<StateChange> committed) {
        this.jdbi = jdbi;
        this.rules = rules;
        this.recentTicketsLimit = recentTicketsLimit;
        this.clock = clock;
        this.committed = committed;
    }

    /** The settings fact rules see, read within the caller's transaction. */
    public Settings fact(Handle handle, String workspaceId) {
        return current(handle, workspaceId).fact();
    }

    /** The settings fact and its version (which grows with every change), from one read of the row. */
    public Current current(Handle handle, String workspaceId) {
        SettingsRow row = row(handle, workspaceId);
        return new Current(toFact(workspaceId, row), row.version());
    }

    /** The settings as rules see them, and their version, part of every customer's state version. */
    public record Current(Settings fact, long version) {
    }

    public MessengerSettings get(String workspaceId) {
        return toWire(jdbi.withHandle(handle -> fact(handle, workspaceId)));
    }

    /** Adds the app at the end of Home; adding an app that is there already changes nothing. */
    public MessengerSettings addApp(String workspaceId, String app) {
        return change(workspaceId, apps -> {
            if (!apps.contains(app)) {
                if (apps.size() >= MAX_HOME_APPS) {
                    throw ApiException.badRequest("too_many_home_apps", "Home holds at most " + MAX_HOME_APPS + " apps");
                }
                apps.add(app);
            }
            return apps;
        });
    }

    /** Removes the app from Home; removing an app that is not there changes nothing. */
    public MessengerSettings removeApp(String workspaceId, String app) {
        return change(workspaceId, apps -> {
            apps.remove(app);
            return apps;
        });
    }

    private MessengerSettings change(String workspaceId, UnaryOperator<List<String>> edit) {
        Change change = jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            SettingsDao dao = handle.attach(SettingsDao.class);
            dao.lock(workspaceId, SettingsRow.join(DEFAULT_HOME_APPS));
            List<String> before = dao.find(workspaceId).orElseThrow().homeAppList();
            List<String> after = edit.apply(new ArrayList<>(before));
            boolean changed = !after.equals(before);
            if (changed) {
                dao.update(workspaceId, SettingsRow.join(after));
                logChange(handle, workspaceId);
            }
            return new Change(new Settings(workspaceId, after, recentTicketsLimit), changed);
        });
        if (change.changed()) {
            committed.accept(StateChange.committed(workspaceId, StateChange.EVERY_CUSTOMER));
        }
        return toWire(change.settings());
    }

    /**
     * New rules may decide differently about everyone: moves the settings version of each workspace on,
     * so every customer's state version grows and open streams everywhere get the new state.
     */
    public void rulesReplaced(Collection<String> workspaceIds) {
        for (String workspaceId : workspaceIds) {
            jdbi.useTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
                SettingsDao dao = handle.attach(SettingsDao.class);
                dao.lock(workspaceId, SettingsRow.join(DEFAULT_HOME_APPS));
                dao.bumpVersion(workspaceId);
                logChange(handle, workspaceId);
            });
            committed.accept(StateChange.committed(workspaceId, StateChange.EVERY_CUSTOMER));
        }
    }

    /** Tells every replica, through the change log, that all customers of the workspace changed. */
    private void logChange(Handle handle, String workspaceId) {
        long version = handle.attach(SettingsDao.class).find(workspaceId).orElseThrow().version();
        handle.attach(StateChangeDao.class).record(workspaceId, StateChange.EVERY_CUSTOMER, version, clock.instant());
    }

    private record Change(Settings settings, boolean changed) {
    }

    private MessengerSettings toWire(Settings settings) {
        boolean enabled = rules.decide(Scope.CUSTOMER, List.of(settings), clock.instant(), false)
                .any(SpaceEnabled.class, decision -> decision.space() == Space.TICKETS);
        return new MessengerSettings(settings.homeApps(), enabled);
    }

    private static SettingsRow row(Handle handle, String workspaceId) {
        return handle.attach(SettingsDao.class).find(workspaceId)
                .orElseGet(() -> new SettingsRow(SettingsRow.join(DEFAULT_HOME_APPS), 0));
    }

    private Settings toFact(String workspaceId, SettingsRow row) {
        return new Settings(workspaceId, row.homeAppList(), recentTicketsLimit);
    }
}
