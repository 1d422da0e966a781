package io.edgemqtt.impl.store;

import static io.edgemqtt.impl.store.TestMessages.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.edgemqtt.api.MqttMessage;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills a process that is writing to the store with SIGKILL, at a point it does not expect, and checks that every
 * operation it acknowledged is in the store, intact.
 */
class FileSessionStoreCrashTest {
    private static final String CLIENT = "crash/child ü";
    private static final long TIMEOUT_MILLIS = 30_000;

    @TempDir
    Path temp;

    @ParameterizedTest(name = "killed after {0} acknowledged operations")
    @ValueSource(ints = {1, 1_500, 6_000})
    void everyAcknowledgedOperationSurvivesAKill(int acknowledgedBeforeKill) throws Exception {
        Path stores = Files.createDirectories(temp.resolve("stores"));
        Path stderr = temp.resolve("child-stderr.txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx64m", "-cp", childClassPath(), StoreCrashChild.class.getName(), stores.toString(), CLIENT)
                .redirectError(stderr.toFile())
                .start();
        List<String> lines = new ArrayList<>();
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    queue.add(line);
                }
            } catch (IOException e) {
                queue.add("reader failed: " + e);
            }
        }, "crash-child-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
            while (lines.size() < acknowledgedBeforeKill) {
                String line = queue.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                if (line == null) {
                    fail("child acknowledged " + lines.size() + " operations in " + TIMEOUT_MILLIS + " ms (alive: "
                            + child.isAlive() + "); stderr: " + Files.readString(stderr));
                }
                lines.add(line);
            }
            IOException locked = assertThrows(IOException.class, () -> FileSessionStore.open(stores, CLIENT));
            assertTrue(locked.getMessage().contains("another process"), locked.getMessage());
            // SIGKILL through the handle: Process.destroyForcibly() would also close our end of the pipe and lose
            // the acknowledgements still in it
            assertTrue(child.toHandle().destroyForcibly());
            assertTrue(child.waitFor(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS), "child did not die");
        } finally {
            if (child.isAlive()) { // only when the test failed before the kill
                child.destroyForcibly();
            }
        }
        reader.join(TIMEOUT_MILLIS);
        queue.drainTo(lines);

        long acknowledged = countAcknowledged(lines);
        assertTrue(acknowledged >= acknowledgedBeforeKill, acknowledged + " acknowledged");
        // operation number `acknowledged` may have been under way when the kill came: either outcome is right
        MemorySessionStore before = replay(acknowledged);
        MemorySessionStore after = replay(acknowledged + 1);
        try (FileSessionStore store = FileSessionStore.open(stores, CLIENT)) {
            List<String> outgoing = describe(store.loadOutgoing());
            Set<Integer> incoming = store.loadIncoming();
            boolean matchesBefore = outgoing.equals(describe(before.loadOutgoing()))
                    && incoming.equals(before.loadIncoming());
            boolean matchesAfter = outgoing.equals(describe(after.loadOutgoing()))
                    && incoming.equals(after.loadIncoming());
            if (!matchesBefore && !matchesAfter) {
                assertEquals(describe(before.loadOutgoing()), outgoing,
                        "store after kill, " + acknowledged + " operations acknowledged");
                assertEquals(before.loadIncoming(), incoming);
            }
            for (var publish : store.loadOutgoing()) {
                MqttMessage expected = TestMessages.publish(publish.sequence()).message();
                assertEquals(expected, publish.message(), "message #" + publish.sequence() + " intact");
            }
        }
    }

    /** @return how many operations the child reported done: lines "k ." for k = 0, 1, 2, ... */
    private static long countAcknowledged(List<String> lines) {
        long count = 0;
        for (String line : lines) {
            if (!line.equals(count + " .")) {
                assertEquals(lines.size() - 1, lines.indexOf(line), "only the last line may be cut: " + line);
                break;
            }
            count++;
        }
        return count;
    }

    private static MemorySessionStore replay(long operations) throws IOException {
        MemorySessionStore model = new MemorySessionStore();
        for (long k = 0; k < operations; k++) {
            CrashSchedule.apply(k, model);
        }
        return model;
    }

    private static String childClassPath() throws URISyntaxException {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : List.of(StoreCrashChild.class, FileSessionStore.class, MqttMessage.class)) {
            entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return String.join(File.pathSeparator, entries);
    }
}
