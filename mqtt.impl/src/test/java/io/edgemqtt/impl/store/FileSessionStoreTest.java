package io.edgemqtt.impl.store;

import static io.edgemqtt.impl.store.TestMessages.describe;
import static io.edgemqtt.impl.store.TestMessages.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.spi.PersistedPublish;
import io.edgemqtt.api.spi.SessionStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FileSessionStoreTest {
    private static final String CLIENT = "gateway-1";

    @TempDir
    Path dir;

    @Test
    void addedPublishesSurviveReopenWithEveryField() throws IOException {
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            assertTrue(store.loadOutgoing().isEmpty());
            for (long sequence = 1; sequence <= 20; sequence++) {
                store.add(publish(sequence));
            }
        }
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            List<PersistedPublish> loaded = store.loadOutgoing();
            assertEquals(20, loaded.size());
            for (int i = 0; i < 20; i++) {
                assertEquals(publish(i + 1).message(), loaded.get(i).message());
                assertEquals(describe(publish(i + 1)), describe(loaded.get(i)));
            }
        }
    }

    @Test
    void updatesRemovalsAndIncomingIdsSurviveReopen() throws IOException {
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            for (long sequence = 1; sequence <= 5; sequence++) {
                store.add(publish(sequence));
            }
            store.update(publish(2).withPacketId(17));
            store.update(publish(3).withPacketId(65_535).asReleased());
            store.update(publish(3).withPacketId(65_535).asReleased()); // twice: same outcome
            store.remove(4);
            store.remove(4);
            store.remove(99);
            store.update(publish(99).withPacketId(5)); // never added: ignored
            store.addIncoming(1);
            store.addIncoming(65_535);
            store.addIncoming(7);
            store.removeIncoming(7);
        }
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            assertEquals(List.of(describe(publish(1)), describe(publish(2).withPacketId(17)),
                            describe(publish(3).withPacketId(65_535).asReleased()), describe(publish(5))),
                    describe(store.loadOutgoing()));
            assertEquals(Set.of(1, 65_535), store.loadIncoming());
        }
    }

    @Test
    void clearForgetsEverythingAndLaterAddsStay() throws IOException {
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            store.add(publish(1));
            store.add(publish(2));
            store.addIncoming(3);
            store.clear();
            assertTrue(store.loadOutgoing().isEmpty());
            store.add(publish(2));
        }
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            assertEquals(List.of(describe(publish(2))), describe(store.loadOutgoing()));
            assertTrue(store.loadIncoming().isEmpty());
            store.clear();
        }
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            assertTrue(store.loadOutgoing().isEmpty());
        }
    }

    @Test
    void loadsInSequenceOrderWhenAddedOutOfOrder() throws IOException {
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            store.add(publish(9));
            store.add(publish(3));
            store.add(publish(5));
        }
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            assertEquals(List.of(3L, 5L, 9L),
                    store.loadOutgoing().stream().map(PersistedPublish::sequence).toList());
        }
    }

    @Test
    void noOpsWriteNothing() throws IOException {
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            store.add(publish(1));
            store.addIncoming(4);
            long size = store.logSize();
            store.remove(2);
            store.update(publish(3));
            store.addIncoming(4);
            store.removeIncoming(5);
            assertEquals(size, store.logSize());
            assertEquals(size, Files.size(store.logFile()));
        }
    }

    @Test
    void recordsLargerThanTheWriteBufferRoundTripAndCompact() throws IOException {
        MqttMessage big = MqttMessage.builder("big").payload(new byte[1 << 20]).qos(Qos.EXACTLY_ONCE).build();
        FileSessionStore.Options options = FileSessionStore.Options.defaults().compactWhenLargerThan(0, 2);
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT, options)) {
            store.add(PersistedPublish.of(1, 0, false, big));
            store.add(PersistedPublish.of(2, 0, false, big));
            store.add(publish(3));
            store.remove(1);
            store.remove(2); // more than half dead: compacts with the big one still live
            store.add(PersistedPublish.of(4, 9, true, big));
            store.remove(3);
            store.compact();
        }
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT, options)) {
            List<PersistedPublish> loaded = store.loadOutgoing();
            assertEquals(1, loaded.size());
            assertEquals(big, loaded.get(0).message());
            assertEquals(9, loaded.get(0).packetId());
        }
    }

    @Test
    void syncEveryWriteStoresTheSame() throws IOException {
        FileSessionStore.Options options = FileSessionStore.Options.defaults().syncEveryWrite(true);
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT, options)) {
            store.add(publish(1));
            store.addIncoming(2);
        }
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            assertEquals(List.of(describe(publish(1))), describe(store.loadOutgoing()));
            assertEquals(Set.of(2), store.loadIncoming());
        }
    }

    @Test
    void secondOpenOfTheSameClientFailsUntilTheFirstCloses() throws IOException {
        FileSessionStore first = FileSessionStore.open(dir, CLIENT);
        IOException e = assertThrows(IOException.class, () -> FileSessionStore.open(dir, CLIENT));
        assertTrue(e.getMessage().contains("already open"), e.getMessage());
        assertTrue(e.getMessage().contains(CLIENT), e.getMessage());
        try (FileSessionStore other = FileSessionStore.open(dir, "other-client")) {
            other.add(publish(1));
        }
        first.add(publish(2));
        first.close();
        first.close();
        try (FileSessionStore second = FileSessionStore.open(dir, CLIENT)) {
            assertEquals(List.of(describe(publish(2))), describe(second.loadOutgoing()));
        }
    }

    @Test
    void aClosedStoreRefusesWork() throws IOException {
        FileSessionStore store = FileSessionStore.open(dir, CLIENT);
        store.close();
        assertThrows(IOException.class, () -> store.add(publish(1)));
        assertThrows(IOException.class, store::loadOutgoing);
    }

    @Test
    void anInterruptedWriteFailsAndTheNextOneWorks() throws IOException {
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            store.add(publish(1));
            Thread.currentThread().interrupt();
            try {
                assertThrows(IOException.class, () -> store.add(publish(2)));
            } finally {
                Thread.interrupted();
            }
            store.add(publish(3));
        }
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            assertEquals(List.of(1L, 3L), store.loadOutgoing().stream().map(PersistedPublish::sequence).toList());
        }
    }

    static Stream<String> oddIds() {
        return Stream.of("", ".", "..", "../escape", "/", "a/../../b", "C:\\x", "CON", "Gateway", "gateway",
                "中文😀", "\uD800", "nul\u0000", "L".repeat(300), "L".repeat(301), "ü".repeat(65_535 / 2));
    }

    @ParameterizedTest
    @MethodSource("oddIds")
    void oddClientIdsGetTheirOwnFolderInsideTheDirectory(String clientId) throws IOException {
        try (FileSessionStore store = FileSessionStore.open(dir, clientId)) {
            assertEquals(dir, store.folder().getParent());
            store.add(publish(1));
            String name = store.folder().getFileName().toString();
            if (!name.contains("~")) {
                assertEquals(clientId, ClientIdFileNames.decode(name).orElseThrow());
            }
        }
        try (FileSessionStore store = FileSessionStore.open(dir, clientId)) {
            assertEquals(List.of(describe(publish(1))), describe(store.loadOutgoing()));
        }
        try (Stream<Path> entries = Files.list(dir)) {
            assertEquals(1, entries.count(), "nothing created outside the client's folder");
        }
    }

    @Test
    void idsDifferingInCaseOrInTheirLongTailStayApart() throws IOException {
        String longId = "x".repeat(400);
        for (String id : List.of("Gateway", "gateway", longId + "a", longId + "b")) {
            try (FileSessionStore store = FileSessionStore.open(dir, id)) {
                store.add(PersistedPublish.of(1, 0, false, MqttMessage.of("id", id, Qos.AT_LEAST_ONCE)));
            }
        }
        for (String id : List.of("Gateway", "gateway", longId + "a", longId + "b")) {
            try (FileSessionStore store = FileSessionStore.open(dir, id)) {
                assertEquals(List.of(id),
                        store.loadOutgoing().stream().map(p -> p.message().payloadAsString()).toList());
                assertEquals(id, Files.readString(store.folder().resolve(FileSessionStore.CLIENT_ID_FILE)));
            }
        }
    }

    @Test
    void aFolderOfAnotherClientIsRefused() throws IOException {
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            Files.writeString(store.folder().resolve(FileSessionStore.CLIENT_ID_FILE), "someone-else");
        }
        IOException e = assertThrows(IOException.class, () -> FileSessionStore.open(dir, CLIENT));
        assertTrue(e.getMessage().contains("someone-else"), e.getMessage());
        // and the failed open released the lock
        Files.writeString(FileSessionStore.folderOf(dir, CLIENT).resolve(FileSessionStore.CLIENT_ID_FILE), CLIENT);
        FileSessionStore.open(dir, CLIENT).close();
    }

    @Test
    void aFileThatIsNotASessionLogIsRefusedNotOverwritten() throws IOException {
        FileSessionStore.open(dir, CLIENT).close();
        Path log = FileSessionStore.folderOf(dir, CLIENT).resolve(FileSessionStore.LOG_FILE);
        Files.writeString(log, "something else entirely");
        IOException e = assertThrows(IOException.class, () -> FileSessionStore.open(dir, CLIENT));
        assertTrue(e.getMessage().contains(log.toString()), e.getMessage());
        assertEquals("something else entirely", Files.readString(log));
    }

    @Test
    void aLogShorterThanItsHeaderStartsEmpty() throws IOException {
        FileSessionStore.open(dir, CLIENT).close();
        Path log = FileSessionStore.folderOf(dir, CLIENT).resolve(FileSessionStore.LOG_FILE);
        Files.write(log, new byte[] {'E', 'M'});
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            assertTrue(store.loadOutgoing().isEmpty());
            store.add(publish(1));
        }
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            assertEquals(1, store.loadOutgoing().size());
        }
    }

    /** Random operations against the memory store as the model, with frequent compaction and reopening. */
    @Test
    void behavesLikeTheMemoryStoreUnderRandomOperations() throws IOException {
        Random random = new Random(20_240_601);
        FileSessionStore.Options options = FileSessionStore.Options.defaults().compactWhenLargerThan(2_048, 3);
        SessionStore model = new MemorySessionStore();
        FileSessionStore store = FileSessionStore.open(dir, CLIENT, options);
        long nextSequence = 1;
        long compactedAt = 0;
        int compactions = 0;
        try {
            for (int step = 0; step < 3_000; step++) {
                int choice = random.nextInt(100);
                long target = Math.max(1, nextSequence - 1 - random.nextInt(8));
                long sizeBefore = store.logSize();
                if (choice < 30) {
                    PersistedPublish publish = publish(nextSequence++);
                    model.add(publish);
                    store.add(publish);
                } else if (choice < 50) {
                    PersistedPublish publish = PersistedPublish.of(target, 1 + random.nextInt(65_535),
                            random.nextBoolean(), publish(target).message());
                    model.update(publish);
                    store.update(publish);
                } else if (choice < 78) {
                    model.remove(target);
                    store.remove(target);
                } else if (choice < 88) {
                    int id = 1 + random.nextInt(20);
                    model.addIncoming(id);
                    store.addIncoming(id);
                } else if (choice < 98) {
                    int id = 1 + random.nextInt(20);
                    model.removeIncoming(id);
                    store.removeIncoming(id);
                } else if (choice < 99) {
                    model.clear();
                    store.clear();
                } else {
                    store.close();
                    store = FileSessionStore.open(dir, CLIENT, options);
                }
                if (store.logSize() < sizeBefore) {
                    compactions++;
                    compactedAt = step;
                }
                if (step % 16 == 0 || choice >= 98) {
                    assertEquals(describe(model.loadOutgoing()), describe(store.loadOutgoing()), "step " + step);
                    assertEquals(model.loadIncoming(), store.loadIncoming(), "step " + step);
                }
            }
            store.close();
            store = FileSessionStore.open(dir, CLIENT, options);
            assertEquals(describe(model.loadOutgoing()), describe(store.loadOutgoing()));
            assertEquals(model.loadIncoming(), store.loadIncoming());
        } finally {
            store.close();
        }
        assertTrue(compactions > 10, "compacted " + compactions + " times, last at step " + compactedAt);
        assertFalse(Files.exists(FileSessionStore.folderOf(dir, CLIENT).resolve(FileSessionStore.COMPACT_FILE)));
        assertEquals(CLIENT, Files.readString(FileSessionStore.folderOf(dir, CLIENT)
                .resolve(FileSessionStore.CLIENT_ID_FILE), StandardCharsets.UTF_8));
    }
}
