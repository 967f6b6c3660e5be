package dev.ticketspace.store;

import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.migrations.CloseableLiquibase;
import io.dropwizard.migrations.CloseableLiquibaseWithClassPathMigrationsFile;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.ui.LoggerUIService;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.jdbi.v3.core.transaction.SerializableTransactionRunner;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** Sets up the store: the schema from {@code migrations.xml}, and Jdbi with UTC instants. */
public final class Store {
    public static final String MIGRATIONS = "migrations.xml";
    private static final List<Class<?>> DAOS = List.of(AppliedEventDao.class, ConversationDao.class,
            CustomerDao.class, DecidedDao.class, SettingsDao.class, StateChangeDao.class, TicketDao.class);

    private Store() {
    }

    /** Applies pending migrations (Liquibase's lock keeps concurrent replicas from colliding). */
    public static void migrate(ManagedDataSource dataSource) throws Exception {
        try (CloseableLiquibase liquibase = new CloseableLiquibaseWithClassPathMigrationsFile(dataSource, MIGRATIONS)) {
            // Liquibase reports to the log, not to standard output (where `rules test` prints results).
            liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
            Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService()), () -> liquibase.update(new Contexts()));
        }
    }

    /** Makes a Jdbi ready for the DAOs; the application gets one from Dropwizard's JdbiFactory instead. */
    public static Jdbi jdbi(DataSource dataSource) {
        return configure(Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()));
    }

    /**
     * UTC instants, SQL without templating, the row types mapped through their constructors, and
     * transactions that the database aborted to break a deadlock (SQLState 40001) run again, a few times,
     * rather than fail the request.
     */
    public static Jdbi configure(Jdbi jdbi) {
        UtcInstants.register(jdbi);
        // The SQL is sent as written: Jdbi's default <attribute> templating re-lexes every statement's text.
        jdbi.setTemplateEngine(TemplateEngine.NOP);
        // Registered once here: a DAO's @RegisterConstructorMapper looks the constructor up on every attach.
        jdbi.registerRowMapper(new TicketDao.Rows());
        jdbi.registerRowMapper(new ConversationDao.Rows());
        jdbi.registerRowMapper(new DecidedDao.Tickets());
        jdbi.registerRowMapper(new DecidedDao.Conversations());
        for (Class<?> row : List.of(SettingsRow.class, StateChange.class, CustomerRow.class, DueCustomer.class,
                CustomerKey.class, CustomerRef.class, HistoryRow.class, TicketDecided.class, ConversationDecided.class,
                DueSubject.class, CustomerBadgeItem.class)) {
            jdbi.registerRowMapper(ConstructorMapper.factory(row));
        }
        jdbi.setTransactionHandler(new SerializableTransactionRunner(jdbi.getTransactionHandler()));
        jdbi.getConfig(SerializableTransactionRunner.Configuration.class).setMaxRetries(5);
        // Each handle starts from a copy of this Jdbi's configuration, and Handle.attach caches what it
        // learns about a DAO type in the handle's copy only (jdbi/jdbi#2991, fixed after the 3.51 that
        // Dropwizard brings). Jdbi.useExtension learns it into this configuration (without opening a
        // handle), so every handle's copy starts out knowing each DAO type.
        for (Class<?> dao : DAOS) {
            jdbi.useExtension(dao, known -> { });
        }
        return jdbi;
    }
}
