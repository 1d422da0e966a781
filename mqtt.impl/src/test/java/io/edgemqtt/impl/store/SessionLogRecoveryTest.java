package io.edgemqtt.impl.store;

import static io.edgemqtt.impl.store.TestMessages.describe;
import static io.edgemqtt.impl.store.TestMessages.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.spi.SessionStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a crash or a bad disk leaves behind, and how much of it loading recovers. */
class SessionLogRecoveryTest {
    private static final String CLIENT = "crashy";

    @TempDir
    Path dir;

    /** The last operation before the crash, whose record gets cut at every byte. */
    enum LastOperation {
        ADD {
            @Override
            void apply(SessionStore store) throws IOException {
                store.add(publish(7));
            }
        },
        UPDATE {
            @Override
            void apply(SessionStore store) throws IOException {
                store.update(publish(2).withPacketId(300).asReleased());
            }
        },
        REMOVE {
            @Override
            void apply(SessionStore store) throws IOException {
                store.remove(3);
            }
        },
        ADD_INCOMING {
            @Override
            void apply(SessionStore store) throws IOException {
                store.addIncoming(40_000);
            }
        },
        REMOVE_INCOMING {
            @Override
            void apply(SessionStore store) throws IOException {
                store.removeIncoming(11);
            }
        },
        CLEAR {
            @Override
            void apply(SessionStore store) throws IOException {
                store.clear();
            }
        };

        abstract void apply(SessionStore store) throws IOException;
    }

    private static void fill(SessionStore store) throws IOException {
        for (long sequence = 1; sequence <= 6; sequence++) {
            store.add(publish(sequence));
        }
        store.update(publish(1).withPacketId(1));
        store.remove(5);
        store.addIncoming(11);
        store.addIncoming(12);
    }

    @ParameterizedTest
    @EnumSource(LastOperation.class)
    void aLastRecordCutAtAnyByteLoadsAsIfItWasNeverWritten(LastOperation last) throws IOException {
        MemorySessionStore before = new MemorySessionStore();
        fill(before);
        byte[] log;
        long lastStart;
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            fill(store);
            lastStart = store.logSize();
            last.apply(store);
            log = Files.readAllBytes(store.logFile());
        }
        assertTrue(log.length > lastStart);
        Path logFile = FileSessionStore.folderOf(dir, CLIENT).resolve(FileSessionStore.LOG_FILE);
        try (LogCapture logs = new LogCapture()) {
            for (int cut = (int) lastStart; cut < log.length; cut++) {
                cutAt(logFile, log, lastStart, cut);
                try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
                    assertEquals(describe(before.loadOutgoing()), describe(store.loadOutgoing()), "cut at " + cut);
                    assertEquals(before.loadIncoming(), store.loadIncoming(), "cut at " + cut);
                    assertEquals(lastStart, store.logSize(), "the cut record is dropped from the file");
                }
            }
            assertTrue(logs.messages(Level.WARNING).isEmpty(), "a cut last record is no damage");
        }
        // a store opened after a cut goes on appending where the last whole record ended
        Files.write(logFile, Arrays.copyOf(log, log.length - 1));
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            store.add(publish(8));
        }
        before.add(publish(8));
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            assertEquals(describe(before.loadOutgoing()), describe(store.loadOutgoing()));
            assertEquals(before.loadIncoming(), store.loadIncoming());
        }
    }

    @Test
    void aDamagedRecordInTheMiddleIsSkippedReportedAndTheRestRecovered() throws IOException {
        long[] starts = writeTenAdds();
        Path logFile = FileSessionStore.folderOf(dir, CLIENT).resolve(FileSessionStore.LOG_FILE);
        byte[] log = Files.readAllBytes(logFile);
        log[(int) (starts[4] + 30)] ^= 0x20; // inside the body of sequence 5
        Files.write(logFile, log);
        try (LogCapture logs = new LogCapture()) {
            try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
                assertEquals(sequencesExcept(5), sequences(store));
            }
            List<String> warnings = logs.messages(Level.WARNING);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains(logFile.toString()), warnings.get(0));
            assertTrue(warnings.get(0).contains("offset " + starts[4]), warnings.get(0));
            // the open rewrote the log without the damage: no second report
            try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
                assertEquals(sequencesExcept(5), sequences(store));
            }
            assertEquals(1, logs.messages(Level.WARNING).size());
        }
    }

    @Test
    void aDamagedLengthFieldIsSkippedByFindingTheNextRecord() throws IOException {
        for (int damagedLength : new int[] {0x7FFF_FFFF, -5, 0, 20, 9}) {
            long[] starts = writeTenAdds();
            Path logFile = FileSessionStore.folderOf(dir, CLIENT).resolve(FileSessionStore.LOG_FILE);
            byte[] log = Files.readAllBytes(logFile);
            ByteBuffer.wrap(log).putInt((int) starts[4], damagedLength);
            Files.write(logFile, log);
            try (LogCapture logs = new LogCapture();
                    FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
                assertEquals(sequencesExcept(5), sequences(store), "length " + damagedLength);
                assertEquals(List.of("offset " + starts[4]), logs.messages(Level.WARNING).stream()
                        .map(m -> m.replaceAll(".*(offset \\d+);.*", "$1")).toList());
            }
            Files.delete(logFile);
        }
    }

    @Test
    void zeroedBlocksAndADamagedTailLoseOnlyWhatTheyCover() throws IOException {
        long[] starts = writeTenAdds();
        Path logFile = FileSessionStore.folderOf(dir, CLIENT).resolve(FileSessionStore.LOG_FILE);
        byte[] log = Files.readAllBytes(logFile);
        Arrays.fill(log, (int) starts[2] + 3, (int) starts[4] + 6, (byte) 0); // sequences 3 to 5
        log[log.length - 2] ^= 1; // checksum of the last record, sequence 10
        Files.write(logFile, log);
        try (LogCapture logs = new LogCapture();
                FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            assertEquals(List.of(1L, 2L, 6L, 7L, 8L, 9L), sequences(store));
            assertEquals(2, logs.messages(Level.WARNING).size(), logs.messages(Level.WARNING).toString());
            store.add(publish(11));
        }
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            assertEquals(List.of(1L, 2L, 6L, 7L, 8L, 9L, 11L), sequences(store));
        }
    }

    @Test
    void compactionKeepsLiveStateAndShrinksTheLog() throws IOException {
        FileSessionStore.Options options = FileSessionStore.Options.defaults().compactWhenLargerThan(8_192, 4);
        MemorySessionStore model = new MemorySessionStore();
        long largest = 0;
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT, options)) {
            for (long sequence = 1; sequence <= 400; sequence++) {
                for (SessionStore s : List.<SessionStore>of(model, store)) {
                    s.add(publish(sequence));
                    s.update(publish(sequence).withPacketId((int) sequence));
                    if (sequence % 10 != 0) {
                        s.remove(sequence);
                    } else {
                        s.addIncoming((int) sequence);
                    }
                }
                largest = Math.max(largest, store.logSize());
            }
            assertTrue(largest < 4 * 8_192 + 4 * 40 * 400, "compacted on the way: largest " + largest);
            assertEquals(describe(model.loadOutgoing()), describe(store.loadOutgoing()));
        }
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT, options)) {
            assertEquals(40, store.loadOutgoing().size());
            assertEquals(describe(model.loadOutgoing()), describe(store.loadOutgoing()));
            assertEquals(model.loadIncoming(), store.loadIncoming());
        }
    }

    /** A crash while the compacted file is written, or before it is renamed: the old log is still the truth. */
    @Test
    void aCrashAtAnyPointOfCompactionLeavesALoadableStore() throws IOException {
        MemorySessionStore model = new MemorySessionStore();
        Path folder = FileSessionStore.folderOf(dir, CLIENT);
        Path compactFile = folder.resolve(FileSessionStore.COMPACT_FILE);
        Path logFile = folder.resolve(FileSessionStore.LOG_FILE);
        byte[] compacted;
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            fill(model);
            fill(store);
            for (long sequence = 100; sequence < 150; sequence++) {
                store.add(publish(sequence));
                store.remove(sequence);
            }
            store.writeCompacted(compactFile); // crash after writing, before the rename
            compacted = Files.readAllBytes(compactFile);
        }
        byte[] uncompacted = Files.readAllBytes(logFile);
        assertTrue(compacted.length < uncompacted.length);
        for (int cut = 0; cut <= compacted.length; cut += cut < 64 ? 1 : 37) {
            Files.write(compactFile, Arrays.copyOf(compacted, Math.min(cut, compacted.length)));
            try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
                assertEquals(describe(model.loadOutgoing()), describe(store.loadOutgoing()), "cut at " + cut);
                assertEquals(model.loadIncoming(), store.loadIncoming());
            }
            assertFalse(Files.exists(compactFile), "the unfinished compaction is discarded");
            assertEquals(Arrays.hashCode(uncompacted), Arrays.hashCode(Files.readAllBytes(logFile)));
        }
        // a crash just after the rename: the compacted log is the log
        Files.write(logFile, compacted);
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            assertEquals(describe(model.loadOutgoing()), describe(store.loadOutgoing()));
            assertEquals(model.loadIncoming(), store.loadIncoming());
        }
    }

    /** Makes the log {@code log} cut at {@code cut}, given that the file holds its first {@code whole} bytes. */
    private static void cutAt(Path logFile, byte[] log, long whole, int cut) throws IOException {
        // rewriting only the tail: replacing the whole file makes some file systems flush it, which is slow
        try (FileChannel channel = FileChannel.open(logFile, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(log, (int) whole, cut - (int) whole), whole);
            channel.truncate(cut);
        }
    }

    private long[] writeTenAdds() throws IOException {
        long[] starts = new long[10];
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            for (int i = 0; i < 10; i++) {
                starts[i] = store.logSize();
                store.add(publish(i + 1));
            }
        }
        return starts;
    }

    private static List<Long> sequencesExcept(long missing) {
        return java.util.stream.LongStream.rangeClosed(1, 10).filter(s -> s != missing).boxed().toList();
    }

    private static List<Long> sequences(FileSessionStore store) throws IOException {
        List<Long> sequences = store.loadOutgoing().stream().map(p -> p.sequence()).toList();
        for (var p : store.loadOutgoing()) {
            assertEquals(describe(publish(p.sequence())), describe(p), "content intact");
        }
        return sequences;
    }

    @Test
    void incomingIdsAreKeptThroughCompactionAtOpen() throws IOException {
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            store.addIncoming(5);
            store.addIncoming(65_535);
        }
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            store.compact();
            assertEquals(Set.of(5, 65_535), store.loadIncoming());
        }
        try (FileSessionStore store = FileSessionStore.open(dir, CLIENT)) {
            assertEquals(Set.of(5, 65_535), store.loadIncoming());
        }
    }
}
