package dev.kycsandbox.storage;

import static dev.kycsandbox.support.Api.asAdmin;
import static dev.kycsandbox.support.Api.kycSlots;
import static dev.kycsandbox.support.Api.newCustomer;
import static dev.kycsandbox.support.Api.token;
import static dev.kycsandbox.support.Api.upload;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.kycsandbox.support.Documents;
import dev.kycsandbox.support.Storage;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** {@code sandbox.durability=relaxed}: nothing is forced, yet every byte and every row is stored. */
@QuarkusTest
@TestProfile(RelaxedDurabilityTest.Relaxed.class)
class RelaxedDurabilityTest {

    public static class Relaxed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sandbox.durability", "relaxed");
        }
    }

    @Inject
    AgroalDataSource database;

    @Inject
    DurabilityConfig config;

    @Test
    void shouldCommitAsynchronouslyOnPooledConnections() throws SQLException {
        assertEquals(Durability.RELAXED, config.durability());
        assertEquals("off", DurabilityTest.synchronousCommit(database));
    }

    @Test
    void shouldStillStoreEveryByteOfTheFileAndItsRow() throws IOException {
        String token = token();
        String customerId = newCustomer(token);
        List<String> slots = kycSlots(token, customerId);
        byte[] png = Documents.pngOfSize(300 * 1024 + 7);

        upload(token, customerId, slots.get(0), png).statusCode(200)
                .body("data.kycDocumentList[0].uploadStatus", equalTo(true));

        assertArrayEquals(png, Files.readAllBytes(Storage.pathOf(Storage.blobIdOf(slots.get(0)))));
        asAdmin().get("/sandbox/documents/{d}/content", slots.get(0)).then().statusCode(200)
                .header("x-content-sha256", Documents.sha256(png));
    }
}
