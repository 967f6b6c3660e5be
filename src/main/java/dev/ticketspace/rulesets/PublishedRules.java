package dev.ticketspace.rulesets;

import com.codahale.metrics.MetricRegistry;
import dev.ticketspace.rules.RuleBase;
import dev.ticketspace.rules.RulesCompiler;
import dev.ticketspace.rules.RulesFailedException;
import dev.ticketspace.store.StateChange;
import io.dropwizard.lifecycle.Managed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the published rule set on this replica. At start: on an empty database the rules directory
 * becomes version 1, then the published version is built and served (a replica that cannot build it
 * does not start). Afterwards each publication, announced through the change log (and, should that be
 * missed, seen by a check every {@link #RECHECK}), is built on a thread of its own, off the request path,
 * and switched to at once (a version that may be published is built ahead as soon as it is made, so
 * that publishing it is a switch with no build); a build that fails leaves the last good rules serving
 * and the {@code rules} health check failing until a build succeeds. Starts and stops the {@link RuleBase}.
 * <p>
 * For development, {@code rules.watch} and the {@code reload-rules} task replace this replica's rules
 * with the directory's ({@link #reloadDirectory}); the next publication replaces them in turn.
 */
public final class PublishedRules implements Managed {
    static final Duration RECHECK = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(PublishedRules.class);

    private final RuleSets ruleSets;
    private final RuleBase ruleBase;
    private final RuleSetBuilder builder;
    private final Path directory;
    private final ScheduledExecutorService switcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rules-publication");
        thread.setDaemon(true);
        return thread;
    });
    /** What serves: a published version, or 0 for the directory's rules. */
    private volatile int served;
    /** The last publication acted on (built, or found already serving), only on the switcher's thread. */
    private long handled;
    private boolean failing;
    /** The newest publishable version built ahead, only on the switcher's thread; its number for the gauge. */
    private Prepared prepared;
    private volatile int preparedVersion;

    public PublishedRules(RuleSets ruleSets, RuleBase ruleBase, RuleSetBuilder builder, Path directory,
                          MetricRegistry metrics) {
        this.ruleSets = ruleSets;
        this.ruleBase = ruleBase;
        this.builder = builder;
        this.directory = directory;
        metrics.gauge("rules.version", () -> () -> served);
        metrics.gauge("rules.prepared", () -> () -> preparedVersion);
    }

    @Override
    public void start() {
        ruleSets.bootstrap(() -> RuleSetFiles.read(directory), directory.toString());
        RuleSets.Publication published = ruleSets.published().orElseThrow();
        RulesCompiler.Compilation compilation = builder.build(published.version(),
                ruleSets.files(published.version()).drl());
        if (!compilation.succeeded()) {
            throw new RulesFailedException(compilation.errors());
        }
        ruleBase.start(compilation);
        served = published.version();
        handled = published.seq();
        LOG.info("serving published rules version {} ({} rules)", served, compilation.ruleCount());
        switcher.scheduleWithFixedDelay(this::syncSafely, RECHECK.toMillis(), RECHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        switcher.shutdownNow();
        switcher.awaitTermination(5, TimeUnit.SECONDS);
        forgetPrepared();
        ruleBase.stop();
    }

    /**
     * Listens to the change log: a row of {@link RuleSets#CHANNEL} announces a publication, or a new
     * version that may be published ({@link RuleSets#PREPARE}), which is built ahead, so that publishing
     * it later is a switch with no build.
     */
    public void changed(StateChange change) {
        if (change.workspaceId().equals(RuleSets.CHANNEL)) {
            if (change.customerId().equals(RuleSets.PREPARE)) {
                prepareSoon();
            } else {
                syncSoon();
            }
        }
    }

    private void prepareSoon() {
        if (!switcher.isShutdown()) {
            switcher.execute(this::prepareSafely);
        }
    }

    /** The newest version built ahead, and its build; only on the switcher's thread. */
    private record Prepared(int version, RulesCompiler.Compilation compilation) {
    }

    /** Builds the newest version ahead when it may be published and is not what serves; keeps one. */
    private void prepareSafely() {
        try {
            RuleSets.Version newest = ruleSets.versions(Integer.MAX_VALUE, 1).stream().findFirst().orElse(null);
            if (newest == null || newest.check() == null || !newest.check().publishable() || newest.version() == served
                    || (prepared != null && prepared.version() == newest.version())) {
                return;
            }
            RulesCompiler.Compilation compilation = builder.build(newest.version(),
                    ruleSets.files(newest.version()).drl());
            if (compilation.succeeded()) {
                forgetPrepared();
                prepared = new Prepared(newest.version(), compilation);
                preparedVersion = newest.version();
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot build the newest rules version ahead: {}", ExceptionUtils.getRootCauseMessage(e));
        }
    }

    /** Drops the build made ahead, unless it went into service. */
    private void forgetPrepared() {
        if (prepared != null) {
            RulesCompiler.release(prepared.compilation().releaseId());
            prepared = null;
            preparedVersion = 0;
        }
    }

    /** Looks for a new publication now, off the caller's thread. */
    public void syncSoon() {
        if (!switcher.isShutdown()) {
            switcher.execute(this::syncSafely);
        }
    }

    /** The published version serving here, or 0 while the directory's rules serve (development). */
    public int served() {
        return served;
    }

    /** What serves, in words, for the health check. */
    public String describe() {
        return served == 0 ? "the rules directory " + directory + ", loaded for development; the next publication"
                + " replaces them" : "published version " + served;
    }

    /** {@code reload-rules} and {@code rules.watch}: this replica serves the directory's rules, if they build. */
    public synchronized RulesCompiler.Compilation reloadDirectory() {
        RulesCompiler.Compilation compilation = ruleBase.reload();
        if (compilation.succeeded()) {
            served = 0;
        }
        return compilation;
    }

    private void syncSafely() {
        try {
            sync();
            if (failing) {
                failing = false;
                LOG.info("rules publications can be read again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("cannot read the rules publications, trying again: {}", ExceptionUtils.getRootCauseMessage(e));
            }
        }
    }

    /** Builds and serves the newest publication, unless it was acted on already. */
    private void sync() {
        RuleSets.Publication latest = ruleSets.published().orElse(null);
        if (latest == null || latest.seq() <= handled) {
            return;
        }
        handled = latest.seq();
        if (latest.version() == served && ruleBase.lastErrors().isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        RulesCompiler.Compilation compilation;
        if (prepared != null && prepared.version() == latest.version()) {
            compilation = prepared.compilation();
            prepared = null;
            preparedVersion = 0;
        } else {
            compilation = builder.build(latest.version(), ruleSets.files(latest.version()).drl());
        }
        synchronized (this) {
            int before = served;
            if (compilation.succeeded()) {
                // said from the switch on: the listeners install runs after it (re-deciding) take a while
                served = latest.version();
            }
            ruleBase.install(compilation);
            if (compilation.succeeded()) {
                LOG.info("switched to published rules version {} ({} rules) in {} ms", served, compilation.ruleCount(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            } else {
                LOG.error("published rules version {} does not build on this replica; {} keeps serving",
                        latest.version(), before == 0 ? "the rules directory" : "version " + before);
            }
        }
    }
}
