package dev.kycsandbox.storage;

import static dev.kycsandbox.support.Api.kycSlots;
import static dev.kycsandbox.support.Api.newCustomer;
import static dev.kycsandbox.support.Api.token;
import static dev.kycsandbox.support.Api.upload;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import dev.kycsandbox.support.Api;
import dev.kycsandbox.support.Documents;
import dev.kycsandbox.support.Storage;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class StorageSweeperTest {

    @Inject
    StorageSweeper sweeper;

    @Inject
    BlobStore store;

    @Inject
    EntityManager entityManager;

    @Test
    void shouldRemoveLeftoversAndKeepReferencedBlobs() throws IOException {
        String customerId = newCustomer(token());
        List<String> slots = kycSlots(token(), customerId);
        byte[] front = Documents.png(41);
        byte[] back = Documents.pdf();
        upload(token(), customerId, slots.get(0), front).statusCode(200);
        upload(token(), customerId, slots.get(1), back).statusCode(200);
        String frontId = blobIdOf(slots.get(0));
        Path frontBlob = store.pathOf(frontId);
        Path backBlob = store.pathOf(blobIdOf(slots.get(1)));
        assertTrue(Files.exists(frontBlob));
        assertTrue(Files.exists(backBlob));

        // what a crash can leave: a blob renamed into place whose row never committed, the temp
        // file of an interrupted copy, and a spooled upload
        Path orphan = write(store.pathOf(blobId("orphan")), Documents.png(42));
        // same shard directory as a referenced blob
        Path neighbour = write(store.pathOf(frontId.substring(0, 7) + "Neighbour0000000000Z"), Documents.png(43));
        Path temp = write(store.pathOf(blobId("temp")).resolveSibling(blobId("temp") + ".tmp"), Documents.png(44));
        Path spooled = write(store.incomingDirectory().resolve("upload-leftover"), Documents.png(45));
        for (Path leftover : List.of(orphan, neighbour, temp, spooled, frontBlob, backBlob)) {
            Storage.ageBeyondSweepGrace(leftover);
        }

        StorageSweeper.SweepResult result = sweeper.sweep();

        assertFalse(Files.exists(orphan), "orphan blob");
        assertFalse(Files.exists(neighbour), "orphan next to a referenced blob");
        assertFalse(Files.exists(temp), "temp file");
        assertFalse(Files.exists(spooled), "spooled upload");
        assertTrue(result.removed() >= 4, result.toString());
        assertTrue(result.checked() >= 3, result.toString());
        assertArrayEquals(front, Files.readAllBytes(frontBlob));
        assertArrayEquals(back, Files.readAllBytes(backBlob));
        // and the sandbox still serves them
        Api.content(slots.get(0)).then().statusCode(200)
                .header("x-content-sha256", equalTo(Documents.sha256(front)));
        Api.content(slots.get(1)).then().statusCode(200)
                .header("x-content-sha256", equalTo(Documents.sha256(back)));
    }

    @Test
    void shouldKeepEverythingReferencedWhenSweptTwice() throws IOException {
        String customerId = newCustomer(token());
        List<String> slots = kycSlots(token(), customerId);
        byte[] content = Documents.jpeg();
        upload(token(), customerId, slots.get(0), content).statusCode(200);
        Path blob = store.pathOf(blobIdOf(slots.get(0)));

        sweeper.sweep();
        StorageSweeper.SweepResult again = sweeper.sweep();

        assertTrue(again.removed() == 0, "nothing left to remove: " + again);
        assertArrayEquals(content, Files.readAllBytes(blob));
    }

    @Test
    void shouldKeepTheFreshFilesOfAnotherInstanceSharingTheBlobRoot() throws IOException {
        // another instance between its rename and its commit, and one still spooling an upload
        Path renamedNotYetCommitted = write(store.pathOf(blobId("inflight")), Documents.png(46));
        Path stillSpooling = write(store.incomingDirectory().resolve("upload-inflight"), Documents.png(47));

        sweeper.sweep();

        assertTrue(Files.exists(renamedNotYetCommitted), "a fresh unreferenced blob is kept");
        assertTrue(Files.exists(stillSpooling), "a fresh spooled upload is kept");
        Storage.ageBeyondSweepGrace(renamedNotYetCommitted);
        Storage.ageBeyondSweepGrace(stillSpooling);

        sweeper.sweep();

        assertFalse(Files.exists(renamedNotYetCommitted), "an orphan older than the grace period goes");
        assertFalse(Files.exists(stillSpooling), "a spooled upload older than the grace period goes");
    }

    @Test
    void shouldRemoveShardDirectoriesThatOverwritesLeftEmpty() throws IOException {
        String customerId = newCustomer(token());
        String slot = kycSlots(token(), customerId).get(0);
        upload(token(), customerId, slot, Documents.png(48)).statusCode(200);
        Path firstShard = store.pathOf(blobIdOf(slot)).getParent();
        upload(token(), customerId, slot, Documents.png(49)).statusCode(200); // supersedes the first blob
        Path keptShard = store.pathOf(blobIdOf(slot)).getParent();
        Path emptied = Files.createDirectory(unusedShard());
        Storage.ageBeyondSweepGrace(emptied);
        Storage.ageBeyondSweepGrace(keptShard);
        boolean firstEmptied = !firstShard.equals(keptShard) && isEmpty(firstShard); // other tests' blobs may share it
        if (firstEmptied) {
            Storage.ageBeyondSweepGrace(firstShard);
        }

        sweeper.sweep();

        assertFalse(Files.exists(emptied), "an empty shard untouched for the grace period goes");
        assertTrue(Files.exists(keptShard), "a shard holding a blob stays");
        if (firstEmptied) {
            assertFalse(Files.exists(firstShard), "the shard the overwrite emptied goes");
        }
        upload(token(), customerId, slot, Documents.png(50)).statusCode(200); // and storing goes on
        Api.content(slot).then().statusCode(200).header("x-content-sha256", equalTo(Documents.sha256(Documents.png(50))));
    }

    @Transactional
    String blobIdOf(String slotId) {
        Object blobId = entityManager.createNativeQuery("select blob_id from document_slot where id = ?1")
                .setParameter(1, slotId).getSingleResult();
        assertNotNull(blobId, slotId);
        return (String) blobId;
    }

    /** A well-formed blob id that no row references. */
    private static String blobId(String seed) {
        return "blob_" + (seed + "0".repeat(22)).substring(0, 22);
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    private static Path write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    /** A shard directory no blob is in yet: earlier tests' blobs may have taken any given name. */
    private Path unusedShard() {
        for (char first = 'A'; ; first++) {
            for (char second = 'a'; second <= 'z'; second++) {
                Path shard = store.blobsDirectory().resolve("" + first + second);
                if (!Files.exists(shard)) {
                    return shard;
                }
            }
        }
    }
}
