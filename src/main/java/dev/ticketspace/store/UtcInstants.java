package dev.ticketspace.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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

    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
        LocalDateTime utc = LocalDateTime.ofInstant(value.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
        return (position, statement, ctx) -> statement.setObject(position, utc);
    }
}
