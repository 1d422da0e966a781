package io.edgemqtt.hal.gpio.internal.sysfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.hal.gpio.api.Edge;
import io.edgemqtt.hal.gpio.api.EdgeEvent;
import io.edgemqtt.hal.gpio.internal.FakeKernel;
import io.edgemqtt.hal.gpio.internal.FileWatcher;
import io.edgemqtt.hal.gpio.internal.HalThreads;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edges through the real file watcher and scheduler, driven by writing the fake {@code value} file. Waits are on the
 * events themselves (a queue polled with a generous timeout), never sleeps. The absence of a duplicate is shown by the
 * next real edge arriving with nothing in between.
 */
class SysfsDigitalInputTest {
    @TempDir
    Path root;

    FakeKernel kernel;
    SysfsGpioLine line;
    HalThreads threads;
    SysfsDigitalInput input;
    final BlockingQueue<EdgeEvent> events = new LinkedBlockingQueue<>();

    @BeforeEach
    void line() throws IOException {
        kernel = new FakeKernel(root);
        kernel.chip("gpiochip571", "pinctrl-rp1", 571, 54);
        line = new SysfsGpioLine(kernel, root.resolve("class/gpio"), 571 + 17);
        line.export();
        threads = new HalThreads();
    }

    @AfterEach
    void stop() {
        if (input != null) {
            input.close();
        }
        threads.close();
    }

    void start(String edges, long debounceMillis, boolean watch, long pollMillis) throws IOException {
        input = new SysfsDigitalInput("button", line, edges, debounceMillis, threads.scheduler(), Clock.systemUTC(),
                System::nanoTime);
        input.addEdgeListener(events::add);
        input.start(watch ? threads.fileWatcher() : null, pollMillis);
    }

    void level(String value) {
        kernel.file("class/gpio/gpio588/value", value + "\n");
    }

    Edge nextEdge() throws InterruptedException {
        EdgeEvent event = events.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no edge within 10 s");
        }
        assertEquals("button", event.inputId());
        return event.edge();
    }

    @Test
    void theFileWatchReportsEdgesWithoutPolling() throws Exception {
        start("both", 0, true, 0);
        level("1");
        assertEquals(Edge.RISING, nextEdge());
        level("0");
        assertEquals(Edge.FALLING, nextEdge());
    }

    @Test
    void repeatedNotificationsOfOneLevelGiveOneEdge() throws Exception {
        start("both", 0, true, 0);
        level("1");
        assertEquals(Edge.RISING, nextEdge());
        level("1");
        level("1");
        input.check();
        level("0");
        assertEquals(Edge.FALLING, nextEdge(), "no second RISING before it");
        assertTrue(events.isEmpty());
    }

    @Test
    void thePollCatchesWhatTheWatchMissed() throws Exception {
        start("both", 0, false, 20);
        level("1");
        assertEquals(Edge.RISING, nextEdge());
        level("0");
        assertEquals(Edge.FALLING, nextEdge());
    }

    @Test
    void onlyTheConfiguredEdgesAreReportedButTheLevelIsTracked() throws Exception {
        start("rising", 0, true, 0);
        level("1");
        assertEquals(Edge.RISING, nextEdge());
        level("0");
        input.check(); // the watch may have seen it already; either way the falling edge is tracked now
        level("1");
        assertEquals(Edge.RISING, nextEdge(), "the falling edge between was tracked, not reported");
    }

    @Test
    void aDebouncedLevelIsReportedAfterItHeld() throws Exception {
        start("both", 30, true, 0);
        level("1");
        assertEquals(Edge.RISING, nextEdge());
        level("0");
        assertEquals(Edge.FALLING, nextEdge());
    }

    @Test
    void aGlitchWithinTheDebounceTimeIsNotReported() throws Exception {
        // time is controlled here: the glitch lasts "5 ms" of a 50 ms debounce whatever the machine's speed
        AtomicLong now = new AtomicLong();
        input = new SysfsDigitalInput("button", line, "both", 50, threads.scheduler(), Clock.systemUTC(), now::get);
        input.addEdgeListener(events::add);
        input.start(null, 0);
        level("1");
        input.check();
        now.addAndGet(5_000_000);
        level("0");
        input.check();
        now.addAndGet(100_000_000);
        input.check();
        level("1");
        input.check();
        now.addAndGet(50_000_000);
        input.check();
        assertEquals(List.of(Edge.RISING), events.stream().map(EdgeEvent::edge).toList());
    }

    @Test
    void aVanishedLineStopsEdgesUntilItIsBack() throws Exception {
        start("both", 0, false, 0);
        line.unexport();
        input.check();
        assertTrue(events.isEmpty());
        line.export();
        level("1");
        input.check();
        assertEquals(Edge.RISING, nextEdge());
    }

    @Test
    void closingStopsEverything() throws Exception {
        start("both", 0, true, 20);
        input.close();
        level("1");
        input.check();
        assertTrue(events.isEmpty());
        FileWatcher watcher = threads.fileWatcher();
        watcher.watch(line.folder(), p -> { }).close();
    }
}
