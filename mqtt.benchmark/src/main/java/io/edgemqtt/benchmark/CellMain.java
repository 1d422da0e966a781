package io.edgemqtt.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one benchmark cell for one library in this JVM (the runner starts one JVM per cell and library) and prints
 * one line {@code RESULT key=value ...} for the runner to collect.
 *
 * <pre>
 * CellMain library scenario port window [qos size count warmup]
 *   library  edge | paho | hivemq | limit
 *   scenario throughput | latency | footprint
 * </pre>
 */
public final class CellMain {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final String library;
    private final Driver driver;
    private final int window;
    private final String runId = Long.toString(System.nanoTime() % 1_000_000_007L, 36);
    private final Map<String, Object> result = new LinkedHashMap<>();
    private volatile Tracker tracker;
    private volatile LatencyProbe probe;

    private CellMain(String library, int port, int window) {
        this.library = library;
        this.window = window;
        this.driver = Driver.of(library, port, window);
    }

    public static void main(String[] args) throws Exception {
        String library = args[0];
        String scenario = args[1];
        int port = Integer.parseInt(args[2]);
        int window = Integer.parseInt(args[3]);
        CellMain cell = new CellMain(library, port, window);
        cell.result.put("lib", library);
        cell.result.put("scenario", scenario);
        try {
            switch (scenario) {
                case "throughput":
                    cell.throughput(Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]),
                            Integer.parseInt(args[7]));
                    break;
                case "latency":
                    cell.latency(Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]),
                            Integer.parseInt(args[7]));
                    break;
                case "footprint":
                    cell.footprint(Integer.parseInt(args[6]));
                    break;
                default:
                    throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        } catch (Exception e) {
            cell.result.put("error", e.toString().replace(' ', '_'));
            e.printStackTrace();
        }
        StringBuilder line = new StringBuilder("RESULT");
        cell.result.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        System.out.println(line);
        System.out.flush();
        cell.driver.shutdown();
        System.exit(0);
    }

    private void received(ByteBuffer payload) {
        int phase = Payload.phase(payload);
        Tracker current = tracker;
        if (current != null && current.phase == phase) {
            current.record(Payload.sequence(payload));
            return;
        }
        LatencyProbe latency = probe;
        if (latency != null && latency.phase == phase) {
            latency.received(Payload.sequence(payload));
        }
    }

    // ---- throughput: one publisher, one subscriber, pipelined up to the window ---------------------------------

    /**
     * Warm-up, then the measured run. Counts adapt to the library's speed so that a slow library does not take
     * minutes: a first warm-up of 2,000 messages gives the rate, the rest of the warm-up lasts about {@code
     * bench.warmSeconds} and the measured run about {@code bench.measureSeconds}, each capped by the count given.
     */
    private void throughput(int qos, int size, int count, int warmup) throws Exception {
        result.put("qos", qos);
        result.put("size", size);
        double warmSeconds = Double.parseDouble(System.getProperty("bench.warmSeconds", "2"));
        double measureSeconds = Double.parseDouble(System.getProperty("bench.measureSeconds", "5"));
        String topic = "bench/" + runId + "/t";
        try (Driver.Connection subscriber = driver.connect("sub-" + runId, this::received);
                Driver.Connection publisher = driver.connect("pub-" + runId, null)) {
            subscriber.subscribe(topic, qos);
            int probeCount = Math.min(2_000, warmup);
            Phase probe = runPhase(publisher, topic, qos, size, probeCount, 1);
            double rate = probe.received / (probe.nanos / 1e9);
            Phase warm = runPhase(publisher, topic, qos, size, bounded(rate * warmSeconds, warmup), 2);
            rate = warm.received / (warm.nanos / 1e9);
            int measuredCount = bounded(rate * measureSeconds, count);
            System.gc();
            Thread.sleep(200);
            long cpuBefore = OS.getProcessCpuTime();
            Phase measured = runPhase(publisher, topic, qos, size, measuredCount, 3);
            long cpu = OS.getProcessCpuTime() - cpuBefore;
            double seconds = measured.nanos / 1e9;
            result.put("count", measuredCount);
            result.put("msgps", format(measured.received / seconds));
            result.put("mbps", format(measured.received * (double) size / seconds / 1e6));
            result.put("cpuus", format(cpu / 1e3 / measuredCount));
            result.put("lost", measuredCount - measured.received);
            result.put("dup", measured.duplicates);
            result.put("failed", measured.failed);
            if (measured.received < measuredCount) {
                result.put("subscriber", subscriber.diagnostics());
                result.put("publisher", publisher.diagnostics());
            }
        }
    }

    private static int bounded(double wanted, int maximum) {
        return (int) Math.max(Math.min(2_000, maximum), Math.min(maximum, wanted));
    }

    private static final class Phase {
        long nanos;
        int received;
        int duplicates;
        int failed;
    }

    private Phase runPhase(Driver.Connection publisher, String topic, int qos, int size, int count, int phase)
            throws Exception {
        Tracker current = new Tracker(phase, count);
        tracker = current;
        Phase outcome = new Phase();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        if (publisher instanceof RawDriver.RawConnection) {
            ((RawDriver.RawConnection) publisher).blast(topic, qos, size, count, phase);
        } else {
            Semaphore permits = new Semaphore(window);
            Driver.Completion done = failure -> {
                if (failure != null) {
                    failed.incrementAndGet();
                }
                permits.release();
            };
            for (int i = 0; i < count; i++) {
                permits.acquire();
                publisher.publish(topic, Payload.create(size, i, phase, 0), qos, done);
            }
            if (!permits.tryAcquire(window, 60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("publishes not completed within 60 s");
            }
        }
        boolean all = current.await(qos == 0 ? 2_000 : 10_000);
        outcome.nanos = (all || current.distinct() > 0 ? current.lastNanos() : System.nanoTime()) - start;
        outcome.received = current.distinct();
        outcome.duplicates = current.duplicates();
        outcome.failed = failed.get();
        tracker = null;
        return outcome;
    }

    // ---- latency: one message at a time, publish to delivery ---------------------------------------------------

    private static final class LatencyProbe {
        final int phase;
        final Thread waiter;
        volatile int receivedSequence = -1;
        volatile long receivedNanos;

        LatencyProbe(int phase, Thread waiter) {
            this.phase = phase;
            this.waiter = waiter;
        }

        void received(int sequence) {
            receivedNanos = System.nanoTime();
            receivedSequence = sequence;
            LockSupport.unpark(waiter);
        }
    }

    private void latency(int qos, int size, int samples, int warmup) throws Exception {
        result.put("qos", qos);
        result.put("size", size);
        String topic = "bench/" + runId + "/l";
        try (Driver.Connection subscriber = driver.connect("sub-" + runId, this::received);
                Driver.Connection publisher = driver.connect("pub-" + runId, null)) {
            subscriber.subscribe(topic, qos);
            pingPong(publisher, topic, qos, size, warmup, 4);
            long[] micros = pingPong(publisher, topic, qos, size, samples, 5);
            Arrays.sort(micros);
            result.put("count", samples);
            result.put("p50us", format(micros[samples / 2] / 1e3));
            result.put("p99us", format(micros[(int) Math.min(samples - 1, Math.ceil(samples * 0.99) - 1)] / 1e3));
        }
    }

    private long[] pingPong(Driver.Connection publisher, String topic, int qos, int size, int samples, int phase) {
        Thread self = Thread.currentThread();
        LatencyProbe current = new LatencyProbe(phase, self);
        probe = current;
        AtomicLong completed = new AtomicLong(-1);
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            int sequence = i;
            byte[] payload = Payload.create(size, i, phase, 0);
            long start = System.nanoTime();
            publisher.publish(topic, payload, qos, failure -> {
                completed.set(sequence);
                LockSupport.unpark(self);
            });
            long deadline = start + TimeUnit.SECONDS.toNanos(10);
            while (current.receivedSequence != i || completed.get() != i) {
                LockSupport.parkNanos(1_000_000);
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("message " + i + " not received within 10 s");
                }
            }
            nanos[i] = current.receivedNanos - start;
        }
        probe = null;
        return nanos;
    }

    // ---- footprint: many connected clients --------------------------------------------------------------------

    private void footprint(int clients) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        settle();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        int threadsBefore = threads.getThreadCount();
        List<Driver.Connection> connections = new ArrayList<>();
        long[] connectNanos = new long[clients];
        try {
            for (int i = 0; i < clients; i++) {
                long start = System.nanoTime();
                connections.add(driver.connect("fp-" + runId + "-" + i, null));
                connectNanos[i] = System.nanoTime() - start;
            }
            Thread.sleep(1_000); // let lazily started threads start
            settle();
            long heapAfter = memory.getHeapMemoryUsage().getUsed();
            int threadsAfter = threads.getThreadCount();
            result.put("clients", clients);
            result.put("heapkib", format((heapAfter - heapBefore) / 1024.0 / clients));
            result.put("threads", format((threadsAfter - threadsBefore) / (double) clients));
            result.put("firstconnectms", format(connectNanos[0] / 1e6));
            long[] sorted = connectNanos.clone();
            Arrays.sort(sorted);
            result.put("connectms", format(sorted[clients / 2] / 1e6));
            // -Dbench.holdMillis=N keeps the clients connected a while, to take a heap histogram (jcmd) by hand
            Thread.sleep(Long.getLong("bench.holdMillis", 0));
        } finally {
            for (Driver.Connection connection : connections) {
                connection.close();
            }
        }
    }

    private static void settle() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
