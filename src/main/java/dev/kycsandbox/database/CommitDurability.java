package dev.kycsandbox.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.kycsandbox.storage.Durability;
import dev.kycsandbox.storage.DurabilityConfig;
import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.runtime.StartupEvent;

/**
 * The database half of {@code sandbox.durability}: every pooled connection's session commits
 * synchronously in {@link Durability#DURABLE} mode (whatever the server's default, so a 200 waits
 * for the row's WAL flush) and asynchronously in {@link Durability#RELAXED} mode. A session
 * setting rather than a server one, so that it works alike on the embedded PostgreSQL and on an
 * external one, and needs no privilege there.
 */
@ApplicationScoped
public class CommitDurability implements AgroalPoolInterceptor {

    private static final Logger LOG = Logger.getLogger(CommitDurability.class);

    private final Durability durability;

    CommitDurability(DurabilityConfig config) {
        this.durability = config.durability();
    }

    @Override
    public void onConnectionCreate(Connection connection) {
        String synchronousCommit = durability.forcesWrites() ? "on" : "off";
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET synchronous_commit = " + synchronousCommit);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot set synchronous_commit = " + synchronousCommit
                    + " (sandbox.durability=" + durability.name().toLowerCase() + ")", e);
        }
    }

    void announce(@Observes StartupEvent started) {
        if (!durability.forcesWrites()) {
            LOG.warn("sandbox.durability=relaxed: documents are not forced to disk and commits are asynchronous;"
                    + " a crash of the machine may lose the last uploads");
        }
    }
}
