package dev.kycsandbox.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** The default {@code sandbox.durability=durable}: commits wait for their flush, whatever the server's default. */
@QuarkusTest
class DurabilityTest {

    @Inject
    AgroalDataSource database;

    @Inject
    DurabilityConfig config;

    @Test
    void shouldBeDurableByDefault() {
        assertEquals(Durability.DURABLE, config.durability());
    }

    @Test
    void shouldCommitSynchronouslyOnPooledConnectionsEvenWhereTheServerDefaultIsAsynchronous() throws SQLException {
        // the tests' embedded PostgreSQL runs with synchronous_commit=off: the session setting must win
        assertEquals("on", synchronousCommit(database));
    }

    static String synchronousCommit(AgroalDataSource database) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW synchronous_commit")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
