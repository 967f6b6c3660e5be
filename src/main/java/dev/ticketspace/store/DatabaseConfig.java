package dev.ticketspace.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;

/** Dropwizard's data source settings plus whether to apply pending migrations at start-up. */
public class DatabaseConfig extends DataSourceFactory {
    private boolean migrateOnStart = true;

    @JsonProperty
    public boolean isMigrateOnStart() {
        return migrateOnStart;
    }

    @JsonProperty
    public void setMigrateOnStart(boolean migrateOnStart) {
        this.migrateOnStart = migrateOnStart;
    }
}
