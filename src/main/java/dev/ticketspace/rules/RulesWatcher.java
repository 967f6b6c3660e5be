package dev.ticketspace.rules;

import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code rules.watch: true}: reloads the rules when a file in their directory changes, off the
 * request path and debounced, so that an editor's burst of writes makes one reload. For development:
 * on this replica only, until the next publication.
 */
public final class RulesWatcher implements Managed {
    static final long DEBOUNCE_MILLIS = 300;
    private static final Logger LOG = LoggerFactory.getLogger(RulesWatcher.class);

    private final Runnable reload;
    private final Path directory;
    private final ScheduledExecutorService reloader = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "rules-reloader"));
    private WatchService watchService;
    private Thread watcher;
    private ScheduledFuture<?> pending;

    /** @param reload rebuilds and switches to the directory's rules, e.g. {@code RuleBase::reload} */
    public RulesWatcher(Runnable reload, Path directory) {
        this.reload = reload;
        this.directory = directory;
    }

    @Override
    public void start() throws IOException {
        watchService = FileSystems.getDefault().newWatchService();
        directory.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        watcher = new Thread(this::watch, "rules-watcher");
        watcher.setDaemon(true);
        watcher.start();
        LOG.info("watching {} for rule changes", directory.toAbsolutePath());
    }

    @Override
    public void stop() throws Exception {
        watchService.close();
        watcher.join(TimeUnit.SECONDS.toMillis(5));
        reloader.shutdownNow();
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watchService.take();
                key.pollEvents();
                scheduleReload();
                if (!key.reset()) {
                    LOG.error("{} can no longer be watched; rule changes are not picked up", directory);
                    return;
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // stopping
        }
    }

    private synchronized void scheduleReload() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = reloader.schedule(reload, DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
    }
}
