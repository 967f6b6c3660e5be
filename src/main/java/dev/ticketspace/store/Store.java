package dev.ticketspace.store;

import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.migrations.CloseableLiquibase;
import io.dropwizard.migrations.CloseableLiquibaseWithClassPathMigrationsFile;
import javax.sql.DataSource;
import java.util.Map;
import liquibase.Contexts;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.ui.LoggerUIService;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.SerializableTransactionRunner;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** Sets up the store: the schema from {@code migrations.xml}, and Jdbi with UTC instants. */
public final class Store {
    public static final String MIGRATIONS = "migrations.xml";

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
     * UTC instants, and transactions that the database aborted to break a deadlock (SQLState 40001)
     * run again, a few times, rather than fail the request.
     */
    public static Jdbi configure(Jdbi jdbi) {
        UtcInstants.register(jdbi);
        jdbi.setTransactionHandler(new SerializableTransactionRunner(jdbi.getTransactionHandler()));
        jdbi.getConfig(SerializableTransactionRunner.Configuration.class).setMaxRetries(5);
        return jdbi;
    }
}
