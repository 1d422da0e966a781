package io.edgemqtt.impl.store;

import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.spi.PersistedPublish;
import io.edgemqtt.api.spi.SessionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Not a test: prints how many publish lifecycles per second the stores manage on this machine. Run with the test
 * class path: {@code java -cp ... io.edgemqtt.impl.store.StoreThroughput [seconds]}.
 */
public final class StoreThroughput {
    private StoreThroughput() {}

    public static void main(String[] args) throws IOException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        MqttMessage message = MqttMessage.builder("plant/line-1/temperature").payload(new byte[100])
                .qos(Qos.AT_LEAST_ONCE).build();
        Path dir = Files.createTempDirectory("store-throughput");
        try {
            try (FileSessionStore store = FileSessionStore.open(dir, "bench")) {
                run("file, add+remove", store, message, false, seconds);
                run("file, add+update+remove", store, message, true, seconds);
            }
            try (FileSessionStore store = FileSessionStore.open(dir, "bench-sync",
                    FileSessionStore.Options.defaults().syncEveryWrite(true))) {
                run("file with fsync per write, add+remove", store, message, false, Math.min(seconds, 2));
            }
            run("memory, add+remove", new MemorySessionStore(), message, false, seconds);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long sequence;

    private static void run(String name, SessionStore store, MqttMessage message, boolean update, double seconds)
            throws IOException {
        lifecycles(store, message, update, (long) (seconds * 1e9 / 3)); // warm up
        long start = System.nanoTime();
        long done = lifecycles(store, message, update, (long) (seconds * 1e9));
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-40s %,12.0f per second (%,d in %.2f s)%n", name, done / elapsed, done, elapsed);
    }

    private static long lifecycles(SessionStore store, MqttMessage message, boolean update, long nanos)
            throws IOException {
        long end = System.nanoTime() + nanos;
        long done = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                long s = ++sequence;
                PersistedPublish publish = PersistedPublish.of(s, 0, false, message);
                store.add(publish);
                if (update) {
                    store.update(publish.withPacketId((int) (s % 65_535) + 1));
                }
                store.remove(s);
            }
            done += 1000;
        }
        return done;
    }
}
