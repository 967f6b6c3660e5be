package dev.ticketspace.nats;

import java.time.Instant;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The relay's lease ({@code live_relay}): the replica that holds it relays the change log to JetStream,
 * renewing it as it goes, with how far JetStream has acknowledged the log.
 */
public interface RelayLeaseDao {
    /** The lease's row (made by the migrations). */
    String NAME = "nats";

    /** Takes the lease if it is free (expired) or already this holder's; answers 1 if taken. */
    @SqlUpdate("UPDATE live_relay SET holder = :holder, expires_at = :until "
            + "WHERE name = '" + NAME + "' AND (expires_at < :now OR holder = :holder)")
    int acquire(@Bind("holder") String holder, @Bind("now") Instant now, @Bind("until") Instant until);

    /** The seq up to which every change is in JetStream; -1 when the log was never relayed. */
    @SqlQuery("SELECT COALESCE(relayed_seq, -1) FROM live_relay WHERE name = '" + NAME + "'")
    long relayed();

    /** Names the change log, unless it has a name already. */
    @SqlUpdate("UPDATE live_relay SET log_id = :id WHERE name = '" + NAME + "' AND log_id IS NULL")
    void nameLog(@Bind("id") String id);

    @SqlQuery("SELECT log_id FROM live_relay WHERE name = '" + NAME + "'")
    String logId();

    /** Extends the lease and records how far JetStream acknowledged; answers 0 when another replica took it. */
    @SqlUpdate("UPDATE live_relay SET expires_at = :until, relayed_seq = :relayed "
            + "WHERE name = '" + NAME + "' AND holder = :holder")
    int renew(@Bind("holder") String holder, @Bind("until") Instant until, @Bind("relayed") long relayed);
}
