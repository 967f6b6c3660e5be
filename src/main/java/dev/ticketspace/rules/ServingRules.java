package dev.ticketspace.rules;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

/**
 * A compiled rule set in service, with a pool of sessions on each of its rule bases (the moment something
 * happens, and each read-time scope): a pooled session comes back reset, as empty as a new one, without
 * building its memories again. Once replaced by a reload it is retired: its pools are shut down (which
 * disposes every session, busy or not) only when the last evaluation still using it is done.
 */
final class ServingRules {
    private static final int POOLED_SESSIONS = 16;

    private final RulesCompiler.Compilation compilation;
    private final KieSessionsPool sessions;
    private final Map<Scope, KieSessionsPool> scopedSessions = new EnumMap<>(Scope.class);
    /** Evaluations using these rules, plus one while they are the current rules; 0 once shut down. */
    private final AtomicInteger holds = new AtomicInteger(1);

    ServingRules(RulesCompiler.Compilation compilation) {
        this.compilation = compilation;
        this.sessions = compilation.kieBase().newKieSessionsPool(POOLED_SESSIONS);
        compilation.scoped().forEach((scope, kieBase) -> scopedSessions.put(scope,
                kieBase.newKieSessionsPool(POOLED_SESSIONS)));
    }

    RulesCompiler.Compilation compilation() {
        return compilation;
    }

    /** Holds the rules for one evaluation; false when they were retired and shut down meanwhile. */
    boolean hold() {
        for (int count = holds.get(); count > 0; count = holds.get()) {
            if (holds.compareAndSet(count, count + 1)) {
                return true;
            }
        }
        return false;
    }

    /** A reset session over the rules of happenings; dispose it to give it back. Only while holding the rules. */
    KieSession newSession() {
        return sessions.newKieSession();
    }

    /** A reset session over the scope's rules; dispose it to give it back. Only while holding the rules. */
    KieSession newSession(Scope scope) {
        return scopedSessions.get(scope).newKieSession();
    }

    /** Ends a {@link #hold()}, or the current-rules hold on retirement; the last one shuts the pool down. */
    void release() {
        if (holds.decrementAndGet() == 0) {
            sessions.shutdown();
            scopedSessions.values().forEach(KieSessionsPool::shutdown);
            RulesCompiler.release(compilation.releaseId());
        }
    }
}
