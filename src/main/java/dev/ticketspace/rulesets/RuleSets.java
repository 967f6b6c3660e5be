package dev.ticketspace.rulesets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.ticketspace.api.ApiException;
import dev.ticketspace.store.StateChangeDao;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The rule sets of the database: immutable versions, numbered from 1, each checked when it is made (its
 * files compiled and its own scenarios run, see {@link RuleSetChecker}); and their publications, newest
 * last, the newest being the version every replica serves. A publication is announced to every replica
 * through the change log.
 */
public final class RuleSets {
    /** The change log's workspace for rules publications: no workspace id can have a '#'. */
    public static final String CHANNEL = "#rules";
    /** The change log's customer for a new version that may be published: replicas build it ahead. */
    public static final String PREPARE = "prepare";
    public static final int MAX_MESSAGE = 1000;
    private static final int ATTEMPTS = 5;

    private final Jdbi jdbi;
    private final RuleSetChecker checker;
    private final ObjectMapper json;
    private final Clock clock;
    /** Checks of versions stored unchecked, under way on this replica: one per version. */
    private final Map<Integer, Future<Check>> checking = new ConcurrentHashMap<>();

    public RuleSets(Jdbi jdbi, RuleSetChecker checker, ObjectMapper json, Clock clock) {
        this.jdbi = jdbi;
        this.checker = checker;
        this.json = json;
        this.clock = clock;
    }

    /** A version without its files; {@code check} is null while it has not been checked. */
    public record Version(int version, String author, String message, Instant createdAt, String hash, Check check) {
    }

    public record Publication(long seq, int version, String publishedBy, String reason, Instant publishedAt) {
    }

    /** One file's difference between two versions: {@code added}, {@code removed} or {@code changed}. */
    public record FileDiff(String path, String change, String diff) {
    }

    /** Checks the files and stores them as the next version, with their check. */
    public Version create(RuleSetFiles files, String author, String message) {
        Check check = checker.check(files);
        return store(files, author, message, check);
    }

    /**
     * On a database without rule sets: stores the files as version 1, unchecked (its scenarios run when
     * it is published again), and publishes it. Replicas starting together make it once.
     */
    public void bootstrap(Supplier<RuleSetFiles> shipped, String source) {
        if (jdbi.withExtension(RuleSetDao.class, RuleSetDao::lastVersion) > 0) {
            return;
        }
        RuleSetFiles files = shipped.get();
        Instant now = clock.instant();
        try {
            jdbi.useTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
                RuleSetDao dao = handle.attach(RuleSetDao.class);
                insert(dao, 1, files, "ticketspace", "the rules of " + source + " on an empty database", now, null);
                dao.insertPublication(1, "ticketspace", "first start on an empty database", now);
            });
        } catch (UnableToExecuteStatementException e) {
            if (jdbi.withExtension(RuleSetDao.class, RuleSetDao::lastVersion) == 0) {
                throw e;
            }
            // another replica made version 1 meanwhile
        }
    }

    private Version store(RuleSetFiles files, String author, String message, Check check) {
        String checkJson = write(check);
        Instant now = clock.instant();
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
                    RuleSetDao dao = handle.attach(RuleSetDao.class);
                    int version = dao.lastVersion() + 1;
                    insert(dao, version, files, author, message, now, checkJson);
                    if (check.publishable()) {
                        handle.attach(StateChangeDao.class).record(CHANNEL, PREPARE, version, now);
                    }
                    return new Version(version, author, message, now, files.hash(), check);
                });
            } catch (UnableToExecuteStatementException e) {
                if (attempt == ATTEMPTS) {
                    throw e; // each attempt lost the number to a version made meanwhile
                }
            }
        }
    }

    private static void insert(RuleSetDao dao, int version, RuleSetFiles files, String author, String message,
                               Instant at, String checkJson) {
        dao.insertVersion(version, author, message, at, files.hash(), checkJson);
        dao.insertFiles(version, List.copyOf(files.files().keySet()), List.copyOf(files.files().values()));
    }

    public Optional<Version> version(int version) {
        return jdbi.withExtension(RuleSetDao.class, dao -> dao.version(version)).map(this::toVersion);
    }

    /** Newest first: at most {@code limit} versions below {@code before}. */
    public List<Version> versions(int before, int limit) {
        return jdbi.withExtension(RuleSetDao.class, dao -> dao.versions(before, limit)).stream().map(this::toVersion)
                .toList();
    }

    /** The version's files; 404 {@code version_not_found} for a version that does not exist. */
    public RuleSetFiles files(int version) {
        Map<String, String> files = new TreeMap<>();
        jdbi.withExtension(RuleSetDao.class, dao -> dao.files(version)).forEach(f -> files.put(f.path(), f.content()));
        if (files.isEmpty()) {
            throw notFound(version);
        }
        return new RuleSetFiles(new TreeMap<>(files));
    }

    public Optional<Publication> published() {
        return jdbi.withExtension(RuleSetDao.class, RuleSetDao::latestPublication).map(RuleSets::toPublication);
    }

    /** Newest first: at most {@code limit} publications below {@code before}. */
    public List<Publication> publications(long before, int limit) {
        return jdbi.withExtension(RuleSetDao.class, dao -> dao.publications(before, limit)).stream()
                .map(RuleSets::toPublication).toList();
    }

    /**
     * Publishes the version: every replica serves it within seconds. A version not checked yet (version 1
     * of a first start) is checked first. 409 {@code rules_have_problems} or {@code scenarios_failing}
     * while its check does not pass; publishing the version already published announces it again (a
     * replica whose build of it failed tries again).
     */
    public Publication publish(int number, String editor, String reason) {
        Version version = version(number).orElseThrow(() -> notFound(number));
        Check check = version.check() != null ? version.check() : RuleSetChecker.answer(checkOnce(number));
        if (check.errors() > 0) {
            throw new ApiException(409, "rules_have_problems", "version " + number + " has " + check.errors()
                    + " compile error(s), first " + check.problems().stream().filter(p -> !p.warning())
                    .findFirst().orElseThrow() + "; fix them in a new version");
        }
        if (check.scenarios() == null || check.scenarios().failed() > 0) {
            throw new ApiException(409, "scenarios_failing", "version " + number + " fails "
                    + (check.scenarios() == null ? "its check" : check.scenarios().failed() + " of its scenarios")
                    + "; fix them in a new version");
        }
        Optional<Publication> replaced = published();
        Instant now = clock.instant();
        Publication publication = jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            long seq = handle.attach(RuleSetDao.class).insertPublication(number, editor, reason, now);
            handle.attach(StateChangeDao.class).record(CHANNEL, "published", seq, now);
            return new Publication(seq, number, editor, reason, now);
        });
        replaced.filter(earlier -> earlier.version() != number).ifPresent(earlier -> checkAheadOfRollback(earlier.version()));
        return publication;
    }

    /**
     * The version a publication replaced is the one a rollback goes to: if it was stored unchecked (version 1
     * of a first start), it is checked now, in the background, so that rolling back is a switch, not a wait.
     */
    private void checkAheadOfRollback(int version) {
        if (version(version).map(Version::check).isEmpty()) {
            try {
                checkOnce(version);
            } catch (ApiException busy) {
                // the pool is full: a rollback to it checks it then
            }
        }
    }

    /**
     * Checks a version stored unchecked and stores its check; a check of it under way on this replica is
     * joined, not repeated (a finished one that failed is tried again).
     */
    private Future<Check> checkOnce(int version) {
        return checking.compute(version, (v, under) -> under != null && !under.isDone() ? under
                : checker.submit(files(v), done -> {
                    jdbi.useExtension(RuleSetDao.class, dao -> dao.storeCheck(v, write(done)));
                    return version(v).map(Version::check).orElse(done);
                }));
    }

    /** Each file that differs between the versions, as a unified diff with 3 lines of context. */
    public List<FileDiff> diff(int from, int to) {
        Map<String, String> before = files(from).files();
        Map<String, String> after = files(to).files();
        List<FileDiff> diffs = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        for (String path : paths) {
            String old = before.get(path);
            String now = after.get(path);
            if (old != null && old.equals(now)) {
                continue;
            }
            List<String> oldLines = old == null ? List.of() : old.lines().toList();
            List<String> newLines = now == null ? List.of() : now.lines().toList();
            List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(
                    old == null ? "/dev/null" : from + "/" + path, now == null ? "/dev/null" : to + "/" + path,
                    oldLines, DiffUtils.diff(oldLines, newLines), 3);
            diffs.add(new FileDiff(path, old == null ? "added" : now == null ? "removed" : "changed",
                    String.join("\n", unified) + "\n"));
        }
        return diffs;
    }

    private Version toVersion(RuleSetDao.VersionRow row) {
        return new Version(row.version(), row.author(), row.message(), row.createdAt(), row.contentHash(),
                row.checkResult() == null ? null : read(row.checkResult()));
    }

    private static Publication toPublication(RuleSetDao.PublicationRow row) {
        return new Publication(row.seq(), row.version(), row.publishedBy(), row.reason(), row.publishedAt());
    }

    private String write(Check check) {
        try {
            return json.writeValueAsString(check);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Check read(String checkJson) {
        try {
            return json.readValue(checkJson, Check.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable check in the database: " + e.getOriginalMessage(), e);
        }
    }

    static ApiException notFound(int version) {
        return ApiException.notFound("version_not_found", "there is no rule set version " + version);
    }
}
