package io.edgemqtt.hal.gpio.internal.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.hal.gpio.internal.Configs;
import io.edgemqtt.hal.gpio.internal.HalThreads;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SensorPublisherComponentTest {
    final HalThreads threads = new HalThreads();

    @AfterEach
    void stop() {
        threads.close();
    }

    int scheduled() {
        return ((ScheduledThreadPoolExecutor) threads.scheduler()).getQueue().size();
    }

    @Test
    void publishersShareTheBundlesSchedulerAndCancelTheirTaskOnDeactivation() {
        SensorPublisherComponent first = new SensorPublisherComponent(
                Configs.of(SensorPublisherConfig.class, "source.id", "a"), Map.of(), threads);
        SensorPublisherComponent second = new SensorPublisherComponent(
                Configs.of(SensorPublisherConfig.class, "source.id", "b", "interval.ms", 60_000L), Map.of(), threads);
        first.start();
        second.start();
        assertEquals(2, scheduled(), "two tasks, one thread");
        assertEquals(1, ((ScheduledThreadPoolExecutor) threads.scheduler()).getCorePoolSize());
        first.deactivate();
        second.deactivate();
        assertEquals(0, scheduled());
    }

    @Test
    void anInvalidConfigurationSchedulesNothing() {
        SensorPublisherComponent component = new SensorPublisherComponent(
                Configs.of(SensorPublisherConfig.class, "qos", 7), Map.of(), threads);
        component.start();
        assertEquals(0, scheduled());
        component.deactivate();
    }

    @Test
    void stoppingTheBundlesThreadsLeavesNoThreadBehind() throws Exception {
        HalThreads own = new HalThreads();
        own.scheduler().submit(() -> { }).get();
        own.fileWatcher();
        assertTrue(liveHalThreads() >= 2);
        own.close();
        threads.close();
        assertEquals(0, liveHalThreads());
    }

    static long liveHalThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("edgemqtt-hal-") && t.isAlive()).count();
    }
}
