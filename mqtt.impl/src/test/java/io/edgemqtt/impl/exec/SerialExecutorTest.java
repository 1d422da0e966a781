package io.edgemqtt.impl.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    @Test
    void runsTasksOneAtATimeInOrderFromManyProducers() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool);
        List<Integer> seen = new ArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(10_000);
        for (int i = 0; i < 10_000; i++) {
            int n = i;
            serial.execute(() -> {
                if (running.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                seen.add(n); // unsynchronised on purpose: serial execution makes it safe
                running.decrementAndGet();
                done.countDown();
            });
        }
        assertTrue(done.await(20, TimeUnit.SECONDS));
        assertEquals(0, overlaps.get());
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i, seen.get(i));
        }
    }

    @Test
    void aBlockedSerialQueueDoesNotHoldUpAnother() throws Exception {
        SerialExecutor slow = new SerialExecutor(pool);
        SerialExecutor fast = new SerialExecutor(pool);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch fastRan = new CountDownLatch(1);
        slow.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        fast.execute(fastRan::countDown);
        assertTrue(fastRan.await(20, TimeUnit.SECONDS));
        assertEquals(1, slow.backlog());
        release.countDown();
    }

    @Test
    void aFailingTaskDoesNotStopTheQueue() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool);
        CountDownLatch after = new CountDownLatch(1);
        serial.execute(() -> {
            throw new IllegalStateException("handler bug");
        });
        serial.execute(after::countDown);
        assertTrue(after.await(20, TimeUnit.SECONDS));
    }
}
