package dev.ticketspace.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Stores instants as UTC {@code DATETIME(3)} values, whatever the JVM's or the session's time zone,
 * so that replicas in different zones read the same times. Sub-millisecond digits are dropped.
 */
public final class UtcInstants extends AbstractArgumentFactory<Instant> {
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private UtcInstants() {
        super(Types.TIMESTAMP);
    }

    public static void register(Jdbi jdbi) {
        jdbi.registerArgument(new UtcInstants());
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> read(rs, column));
    }

    /** The column's UTC instant, or null. */
    static Instant read(ResultSet rs, int column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    /**
     * Sent as text: MySQL's driver drops the fraction of a temporal value it binds for a server it takes for
     * one without fractional seconds, and it takes MariaDB (which reports itself as "5.5.5-10...") for one.
     */
    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
        String utc = SQL_TIME.format(LocalDateTime.ofInstant(value.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC));
        return (position, statement, ctx) -> statement.setString(position, utc);
    }
}
