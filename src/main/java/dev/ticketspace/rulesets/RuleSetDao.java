package dev.ticketspace.rulesets;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Rule set versions, their files, their publications and the editors' audit trail. */
@RegisterConstructorMapper(RuleSetDao.VersionRow.class)
@RegisterConstructorMapper(RuleSetDao.FileRow.class)
@RegisterConstructorMapper(RuleSetDao.PublicationRow.class)
@RegisterConstructorMapper(RuleSetDao.AuditRow.class)
public interface RuleSetDao {
    String VERSION = "SELECT version, author, message, created_at, content_hash, check_result FROM rule_versions ";
    String PUBLICATION = "SELECT seq, version, published_by, reason, published_at FROM rule_publications ";

    /** @param checkResult the {@link Check} as JSON, or null while unchecked */
    record VersionRow(int version, String author, String message, Instant createdAt, String contentHash,
                      String checkResult) {
    }

    record FileRow(String path, String content) {
    }

    record PublicationRow(long seq, int version, String publishedBy, String reason, Instant publishedAt) {
    }

    record AuditRow(long id, Instant calledAt, String editor, String method, String path, int status, Integer version) {
    }

    @SqlQuery("SELECT COALESCE(MAX(version), 0) FROM rule_versions")
    int lastVersion();

    @SqlUpdate("INSERT INTO rule_versions (version, author, message, created_at, content_hash, check_result) "
            + "VALUES (:version, :author, :message, :at, :hash, :check)")
    void insertVersion(@Bind("version") int version, @Bind("author") String author, @Bind("message") String message,
                       @Bind("at") Instant at, @Bind("hash") String hash, @Bind("check") String checkJson);

    @SqlBatch("INSERT INTO rule_files (version, path, content) VALUES (:version, :path, :content)")
    void insertFiles(@Bind("version") int version, @Bind("path") List<String> paths,
                     @Bind("content") List<String> contents);

    /** A check is stored once: a version's check never changes after. */
    @SqlUpdate("UPDATE rule_versions SET check_result = :check WHERE version = :version AND check_result IS NULL")
    void storeCheck(@Bind("version") int version, @Bind("check") String checkJson);

    @SqlQuery(VERSION + "WHERE version = :version")
    Optional<VersionRow> version(@Bind("version") int version);

    /** Newest first, below {@code before}. */
    @SqlQuery(VERSION + "WHERE version < :before ORDER BY version DESC LIMIT :limit")
    List<VersionRow> versions(@Bind("before") int before, @Bind("limit") int limit);

    @SqlQuery("SELECT path, content FROM rule_files WHERE version = :version ORDER BY path")
    List<FileRow> files(@Bind("version") int version);

    @SqlUpdate("INSERT INTO rule_publications (version, published_by, reason, published_at) "
            + "VALUES (:version, :by, :reason, :at)")
    @GetGeneratedKeys("seq")
    long insertPublication(@Bind("version") int version, @Bind("by") String publishedBy,
                           @Bind("reason") String reason, @Bind("at") Instant at);

    @SqlQuery(PUBLICATION + "ORDER BY seq DESC LIMIT 1")
    Optional<PublicationRow> latestPublication();

    @SqlQuery(PUBLICATION + "WHERE seq < :before ORDER BY seq DESC LIMIT :limit")
    List<PublicationRow> publications(@Bind("before") long before, @Bind("limit") int limit);

    @SqlUpdate("INSERT INTO rule_audit (called_at, editor, method, path, status, version) "
            + "VALUES (:at, :editor, :method, :path, :status, :version)")
    void audit(@Bind("at") Instant at, @Bind("editor") String editor, @Bind("method") String method,
               @Bind("path") String path, @Bind("status") int status, @Bind("version") Integer version);

    @SqlQuery("SELECT id, called_at, editor, method, path, status, version FROM rule_audit WHERE id < :before "
            + "ORDER BY id DESC LIMIT :limit")
    List<AuditRow> auditTrail(@Bind("before") long before, @Bind("limit") int limit);
}
